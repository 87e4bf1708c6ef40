import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/layout/status-page";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return <StatusPage code="404" title={t("notFound.title")} description={t("notFound.description")} backLabel={t("backHome")} />;
}
