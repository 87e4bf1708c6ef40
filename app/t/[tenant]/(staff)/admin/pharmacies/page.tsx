import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { IssueCredentialForm, RevokeCredentialButton } from "@/components/prescriptions/pharmacy-credentials";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";
import { requireStaff } from "@/lib/auth/guards";
import { formatCnpj } from "@/lib/br/documents";
import { formatDateTime } from "@/lib/format/date";
import { listPharmacyCredentials } from "@/lib/prescriptions/pharmacy/credentials";
import type { PharmacyCredentialView } from "@/lib/prescriptions/pharmacy/schemas";
import { issuePharmacyCredentialAction, revokePharmacyCredentialAction } from "./actions";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("pharmacies");

export default async function PharmaciesPage() {
  const ctx = await requireStaff("settings:manage");
  const [t, credentials] = await Promise.all([getTranslations("prescriptions.pharmacies"), listPharmacyCredentials(ctx)]);
  const when = (v: string | null) => (v ? formatDateTime(v, ctx.timeZone) : t("never"));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <Card>
          <CardHeader title={t("issue")} />
          <CardBody><IssueCredentialForm action={issuePharmacyCredentialAction} /></CardBody>
        </Card>
        <SimpleTable<PharmacyCredentialView>
          caption={t("title")}
          rows={credentials}
          rowKey={(c) => c.id}
          empty={t("empty")}
          columns={[
            { key: "name", header: t("columns.name"), rowHeader: true, cell: (c) => c.pharmacyName },
            { key: "cnpj", header: t("columns.cnpj"), cell: (c) => formatCnpj(c.cnpj) },
            { key: "prefix", header: t("columns.prefix"), cell: (c) => <code>{c.tokenPrefix}</code> },
            { key: "created", header: t("columns.created"), cell: (c) => when(c.createdAt) },
            { key: "lastUsed", header: t("columns.lastUsed"), cell: (c) => when(c.lastUsedAt) },
            {
              key: "status", header: t("columns.status"),
              cell: (c) => <Badge tone={c.revokedAt ? "neutral" : "success"}>{c.revokedAt ? t("revokedAt", { date: formatDateTime(c.revokedAt, ctx.timeZone) }) : t("active")}</Badge>,
            },
            {
              key: "actions", header: t("columns.actions"),
              cell: (c) => (c.revokedAt ? null : <RevokeCredentialButton id={c.id} name={c.pharmacyName} action={revokePharmacyCredentialAction} />),
            },
          ]}
        />
      </div>
    </>
  );
}
