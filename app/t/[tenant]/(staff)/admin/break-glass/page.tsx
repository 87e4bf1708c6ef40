import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { patientHref } from "@/components/patients/links";
import { Badge } from "@/components/ui/badge";
import { SimpleTable } from "@/components/ui/simple-table";
import { requireStaff } from "@/lib/auth/guards";
import { listBreakGlassGrants, type BreakGlassGrantItem } from "@/lib/ehr/break-glass";
import { formatDateTime } from "@/lib/format/date";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("breakGlass");

// Admins review every break-glass opening: who, which patient, the written justification, and
// whether it is still running. The reads made under each grant are in data_access_logs.

export default async function BreakGlassGrantsPage() {
  const ctx = await requireStaff("audit:read");
  const [t, grants] = await Promise.all([getTranslations("ehrAccess.admin"), listBreakGlassGrants(ctx)]);
  const columns = [
    { key: "when", header: t("when"), cell: (g: BreakGlassGrantItem) => formatDateTime(g.startsAt, ctx.timeZone) },
    { key: "until", header: t("until"), cell: (g: BreakGlassGrantItem) => formatDateTime(g.expiresAt, ctx.timeZone) },
    { key: "user", header: t("user"), rowHeader: true, cell: (g: BreakGlassGrantItem) => g.user.name },
    { key: "patient", header: t("patient"), cell: (g: BreakGlassGrantItem) => <Link className="underline" href={patientHref(g.patient.id)}>{g.patient.name}</Link> },
    { key: "justification", header: t("justification"), cell: (g: BreakGlassGrantItem) => <span className="whitespace-pre-wrap">{g.justification}</span> },
    { key: "state", header: t("state"), cell: (g: BreakGlassGrantItem) => <Badge tone={g.active ? "danger" : "neutral"}>{g.active ? t("active") : t("expired")}</Badge> },
  ];
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <SimpleTable caption={t("title")} columns={columns} rows={grants} rowKey={(g) => g.id} empty={t("empty")} />
    </>
  );
}
