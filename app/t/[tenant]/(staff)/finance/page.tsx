import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { SimpleTable } from "@/components/ui/simple-table";
import { requireStaff } from "@/lib/auth/guards";
import { listTransactions, type TransactionListItem } from "@/lib/finance/queries";
import { formatBRL } from "@/lib/format/currency";
import { formatDate } from "@/lib/format/date";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("finance");

export default async function FinancePage() {
  const ctx = await requireStaff("finance:read");
  const [t, result] = await Promise.all([getTranslations("finance"), listTransactions(ctx)]);
  const columns = [
    { key: "date", header: t("columns.date"), cell: (r: TransactionListItem) => formatDate(r.createdAt, ctx.timeZone) },
    { key: "description", header: t("columns.description"), rowHeader: true, cell: (r: TransactionListItem) => r.description },
    { key: "payer", header: t("columns.payer"), cell: (r: TransactionListItem) => r.insurer ?? r.patientName ?? "—" },
    { key: "kind", header: t("columns.kind"), cell: (r: TransactionListItem) => t(`kind.${r.kind}`) },
    {
      key: "status", header: t("columns.status"),
      cell: (r: TransactionListItem) => <Badge tone={r.status === "PAID" ? "success" : r.status === "PENDING" ? "warning" : "neutral"}>{t(`status.${r.status}`)}</Badge>,
    },
    { key: "amount", header: t("columns.amount"), className: "text-end tabular-nums", cell: (r: TransactionListItem) => formatBRL(r.amountCents) },
  ];
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <SimpleTable caption={t("title")} columns={columns} rows={result.rows} rowKey={(r) => r.id} empty={t("empty")} />
    </>
  );
}
