import { getTranslations } from "next-intl/server";
import { PlatformShell } from "@/components/layout/app-shell";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { SimpleTable } from "@/components/ui/simple-table";
import { requirePlatform } from "@/lib/auth/guards";
import { formatCnpj } from "@/lib/br/documents";
import { formatDate } from "@/lib/format/date";
import { listTenants, type TenantListItem } from "@/lib/platform/queries";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("platform");

export default async function PlatformPage() {
  const ctx = await requirePlatform();
  const [t, tn, tr, tenants] = await Promise.all([
    getTranslations("platform"), getTranslations("nav"), getTranslations("roles"), listTenants(ctx),
  ]);
  const columns = [
    { key: "name", header: t("columns.name"), rowHeader: true, cell: (r: TenantListItem) => r.name },
    { key: "slug", header: t("columns.slug"), cell: (r: TenantListItem) => <code className="text-xs">{r.slug}</code> },
    { key: "cnpj", header: t("columns.cnpj"), cell: (r: TenantListItem) => formatCnpj(r.cnpj) },
    { key: "cnes", header: t("columns.cnes"), cell: (r: TenantListItem) => r.cnes ?? "—" },
    { key: "status", header: t("columns.status"), cell: (r: TenantListItem) => <Badge tone={r.status === "ACTIVE" ? "success" : "warning"}>{t(`status.${r.status}`)}</Badge> },
    { key: "created", header: t("columns.createdAt"), cell: (r: TenantListItem) => formatDate(r.createdAt, ctx.timeZone) },
  ];
  return (
    <PlatformShell orgName="Prontivus" user={{ name: ctx.user?.name ?? "", roleLabel: tr("super_admin") }} items={[{ href: "/platform", label: tn("tenants") }, { href: "/platform/account", label: tn("account") }]}>
      <PageHeader title={t("title")} description={t("description")} />
      <SimpleTable caption={t("title")} columns={columns} rows={tenants} rowKey={(r) => r.id} empty="—" />
    </PlatformShell>
  );
}
