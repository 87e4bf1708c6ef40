import { useTranslations } from "next-intl";
import type { DataTableLabels } from "./data-table";

/**
 * The generic DataTable labels from the `common` namespace, so callers only add what
 * is specific to their table: `labels={{ ...useDataTableLabels(), caption: t("title") }}`.
 * Needs the messages in NextIntlClientProvider (the default in next-intl 4).
 */
export function useDataTableLabels(): Omit<DataTableLabels, "caption"> {
  const t = useTranslations("common");
  return {
    search: t("search"),
    previousPage: t("previousPage"),
    nextPage: t("nextPage"),
    pagination: t("pagination"),
    noResults: t("noResults"),
    loading: t("loading"),
    pageOf: (page, pageCount) => t("pageOf", { page, pageCount }),
  };
}
