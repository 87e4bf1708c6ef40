import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { InsurerForm, InsurerToggle } from "@/components/patients/insurer-controls";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";
import { requireStaff } from "@/lib/auth/guards";
import { listInsurers } from "@/lib/patients/queries";
import type { InsurerOption } from "@/lib/patients/record-types";
import { createInsurerAction, setInsurerActiveAction } from "./actions";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("insurers");

export default async function InsurersPage() {
  const ctx = await requireStaff("settings:manage");
  const [t, insurers] = await Promise.all([getTranslations("patientRecord"), listInsurers(ctx, { includeInactive: true })]);
  return (
    <>
      <PageHeader title={t("insurers.title")} description={t("insurers.description")} />
      <div className="space-y-6">
        <Card>
          <CardHeader title={t("insurers.add")} />
          <CardBody><InsurerForm action={createInsurerAction} /></CardBody>
        </Card>
        <SimpleTable<InsurerOption>
          caption={t("insurers.title")}
          rows={insurers}
          rowKey={(i) => i.id}
          empty={t("insurers.empty")}
          columns={[
            { key: "name", header: t("insurers.name"), rowHeader: true, cell: (i) => i.name },
            { key: "status", header: t("insurers.status"), cell: (i) => <Badge tone={i.active ? "success" : "neutral"}>{i.active ? t("insurers.active") : t("insurers.inactive")}</Badge> },
            { key: "actions", header: t("insurers.actions"), cell: (i) => <InsurerToggle id={i.id} name={i.name} active={i.active} action={setInsurerActiveAction} /> },
          ]}
        />
      </div>
    </>
  );
}
