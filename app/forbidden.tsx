import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/layout/status-page";

export default async function Forbidden() {
  const t = await getTranslations("errors");
  return <StatusPage code="403" title={t("forbidden.title")} description={t("forbidden.description")} backLabel={t("backHome")} />;
}
