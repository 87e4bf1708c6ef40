import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { buttonClasses } from "@/components/ui/button";
import { SimpleTable } from "@/components/ui/simple-table";
import { listAuditLogs, type AuditListItem } from "@/lib/audit/queries";
import { requireStaff } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format/date";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("audit");

export default async function AuditPage() {
  const ctx = await requireStaff("audit:read");
  const [t, tb, result] = await Promise.all([getTranslations("admin"), getTranslations("ehrAccess.admin"), listAuditLogs(ctx)]);
  const columns = [
    { key: "seq", header: t("auditColumns.seq"), className: "tabular-nums", cell: (r: AuditListItem) => r.seq },
    { key: "when", header: t("auditColumns.when"), cell: (r: AuditListItem) => formatDateTime(r.createdAt, ctx.timeZone) },
    { key: "actor", header: t("auditColumns.actor"), cell: (r: AuditListItem) => r.actorName ?? t("system") },
    { key: "action", header: t("auditColumns.action"), rowHeader: true, cell: (r: AuditListItem) => <code className="text-xs">{r.action}</code> },
    { key: "entity", header: t("auditColumns.entity"), cell: (r: AuditListItem) => `${r.entityType}${r.entityId ? ` · ${r.entityId.slice(0, 8)}` : ""}` },
    { key: "ip", header: t("auditColumns.ip"), cell: (r: AuditListItem) => r.ip ?? "—" },
  ];
  return (
    <>
      <PageHeader title={t("auditTitle")} description={t("auditDescription")}
        actions={<Link href="/admin/break-glass" className={buttonClasses({ variant: "secondary" })}>{tb("title")}</Link>} />
      <SimpleTable caption={t("auditTitle")} columns={columns} rows={result.rows} rowKey={(r) => r.seq} empty="—" />
    </>
  );
}
