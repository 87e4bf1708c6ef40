import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { requireStaff } from "@/lib/auth/guards";
import { pendingWork } from "@/lib/ehr/records/queries";
import { WorkTable } from "./_components/work-table";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("records");

/** The doctor's charting inbox (SBIS NGS1: documents waiting for signature, right after sign-in). */
export default async function RecordsPage() {
  const ctx = await requireStaff("records:write");
  const [t, items] = await Promise.all([getTranslations("records"), pendingWork(ctx)]);
  return (
    <>
      <PageHeader title={t("list.title")} description={t("list.description")} />
      <h2 className="mb-3 text-lg font-semibold">{t("work.title")}</h2>
      <WorkTable items={items} timeZone={ctx.timeZone} />
    </>
  );
}
