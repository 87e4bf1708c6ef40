import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { SimpleTable } from "@/components/ui/simple-table";
import { requireStaff } from "@/lib/auth/guards";
import { listAgendas, type AgendaSummary } from "@/lib/scheduling/agendas";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("agendas");

export default async function AgendasPage() {
  const ctx = await requireStaff("agendas:manage");
  const [t, agendas] = await Promise.all([getTranslations("scheduling.admin"), listAgendas(ctx, { includeInactive: true })]);
  const columns = [
    { key: "name", header: t("name"), rowHeader: true, cell: (a: AgendaSummary) => <Link className="text-brand-800 underline" href={`/admin/agendas/${a.id}`}>{a.name}</Link> },
    { key: "doctor", header: t("doctor"), cell: (a: AgendaSummary) => a.doctorName },
    { key: "room", header: t("room"), cell: (a: AgendaSummary) => a.room ?? "—" },
    { key: "slot", header: t("slotMinutes"), cell: (a: AgendaSummary) => t("minutes", { count: a.slotMinutes }) },
    { key: "insurers", header: t("insurers"), cell: (a: AgendaSummary) => [a.acceptsPrivate ? t("private") : null, ...a.insurers.map((i) => i.name)].filter(Boolean).join(", ") },
    { key: "active", header: t("status"), cell: (a: AgendaSummary) => <Badge tone={a.active ? "success" : "neutral"}>{a.active ? t("active") : t("inactive")}</Badge> },
  ];
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={<Link className={buttonClasses()} href="/admin/agendas/new">{t("new")}</Link>} />
      <SimpleTable caption={t("title")} columns={columns} rows={agendas} rowKey={(a) => a.id} empty={t("empty")} />
    </>
  );
}
