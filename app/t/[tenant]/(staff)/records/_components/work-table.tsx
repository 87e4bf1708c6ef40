import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { SimpleTable } from "@/components/ui/simple-table";
import type { WorkItem } from "@/lib/ehr/records/queries";
import { formatDateTime } from "@/lib/format/date";

/** Records waiting for the signed-in doctor's signature or review (dashboard and /records). */
export async function WorkTable({ items, timeZone }: { items: WorkItem[]; timeZone: string }) {
  const t = await getTranslations("records.work");
  const columns = [
    { key: "patient", header: t("patient"), rowHeader: true, cell: (w: WorkItem) => <Link className="text-brand-800 underline" href={`/records/${w.id}`}>{w.patientName}</Link> },
    { key: "date", header: t("date"), cell: (w: WorkItem) => formatDateTime(w.occurredAt, timeZone) },
    { key: "what", header: t("what"), cell: (w: WorkItem) => <Badge tone={w.kind === "review" ? "info" : "warning"}>{t(`kind.${w.kind}`)}</Badge> },
  ];
  return <SimpleTable caption={t("title")} columns={columns} rows={items} rowKey={(w) => w.id} empty={t("empty")} />;
}
