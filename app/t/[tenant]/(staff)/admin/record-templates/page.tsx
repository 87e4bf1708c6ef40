import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/guards";
import { listTemplates } from "@/lib/ehr/records/templates";
import { saveTemplateAction } from "./actions";
import { TemplateForm } from "./_components/template-form";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("recordTemplates");

/** The clinic's per-specialty note templates (settings:manage). */
export default async function RecordTemplatesPage() {
  const ctx = await requireStaff("settings:manage");
  const [t, templates] = await Promise.all([getTranslations("records.templates"), listTemplates(ctx, { includeInactive: true })]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <Card>
          <CardHeader title={t("new")} />
          <CardBody><TemplateForm template={null} save={saveTemplateAction} /></CardBody>
        </Card>
        {templates.length === 0 && <p className="text-sm text-fg-muted">{t("empty")}</p>}
        {templates.map((tpl) => (
          <Card key={tpl.id}>
            <CardHeader title={tpl.specialty ? `${tpl.name} · ${tpl.specialty}` : tpl.name} />
            <CardBody><TemplateForm template={tpl} save={saveTemplateAction} /></CardBody>
          </Card>
        ))}
      </div>
    </>
  );
}
