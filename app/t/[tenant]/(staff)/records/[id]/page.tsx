import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { DocumentsPanel } from "@/components/documents/documents-panel";
import { AttachmentsPanel } from "@/components/ehr/attachments-panel";
import { VitalsForm } from "@/components/ehr/vitals-form";
import { PrescriptionPanel } from "@/components/prescriptions/prescription-panel";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/guards";
import { can } from "@/lib/auth/policy";
import { listRecordDocuments } from "@/lib/documents/queries";
import { listAttachments } from "@/lib/ehr/attachments/queries";
import { getRecord } from "@/lib/ehr/records/queries";
import { EDITABLE } from "@/lib/ehr/records/policy";
import { isAppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format/date";
import { orNotFound } from "@/lib/not-found-page";
import { prescriptionsOfEncounter } from "@/lib/prescriptions/queries";
import { findTenant } from "@/lib/tenancy/current";
import { parseTenantSettings } from "@/lib/tenancy/settings";
import { searchCid10Action } from "../../_actions/cid10";
import { searchMedicationsAction } from "../../_actions/medications";
import { recordVitalSignsAction } from "../../patients/clinical-actions";
import { addendumAction, reviewAction, saveDraftAction, signAction, verifyAction } from "../actions";
import { cancelDocumentAction, issueDocumentAction } from "../document-actions";
import * as rx from "../prescription-actions";
import { ChartEditor } from "./_components/chart-editor";
import { SignedPanel } from "./_components/signed-panel";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("record");

/** The chart of one encounter. The access decision and the read log are getRecord's. */
async function load(ctx: Awaited<ReturnType<typeof requireStaff>>, id: string) {
  try {
    return await orNotFound(getRecord(ctx, id));
  } catch (error) {
    if (isAppError(error) && error.code === "forbidden") forbidden();
    throw error;
  }
}

export default async function RecordPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireStaff();
  const [record, t] = await Promise.all([load(ctx, (await params).id), getTranslations("records")]);
  const me = ctx.user?.id;
  const isAuthor = record.doctor.id === me;
  const editable = isAuthor && can(ctx, "records:write") && record.type !== "ADDENDUM" && (EDITABLE as readonly string[]).includes(record.status);
  const canSign = isAuthor && can(ctx, "records:sign") && (record.needsReview ? record.status === "APPROVED" : record.status === "DRAFT");
  const canReview = !isAuthor && can(ctx, "records:sign");
  // Attachments and vitals belong to the draft: added by its author while it can still change.
  const isDraft = record.status === "DRAFT" && record.type !== "ADDENDUM";
  const [attachments, documents, tenant] = await Promise.all([listAttachments(ctx, record.id), listRecordDocuments(ctx, record.id), findTenant(ctx.tenantSlug)]);
  const maxMegabytes = parseTenantSettings(tenant?.settings).attachments.maxFileMegabytes;
  // Prescriptions are written in the author's own encounter (lib/prescriptions/policy.ts).
  const prescriptions = record.type === "ADDENDUM" ? [] : await prescriptionsOfEncounter(ctx, record.id);
  const canPrescribe = isAuthor && can(ctx, "prescriptions:write") && record.type !== "ADDENDUM";
  const rxActions = {
    create: rx.createPrescriptionAction, save: rx.savePrescriptionAction, preview: rx.previewPrescriptionAction,
    sign: rx.signPrescriptionAction, cancel: rx.cancelPrescriptionAction, renew: rx.renewPrescriptionAction,
  };
  return (
    <>
      <PageHeader
        title={t("chart.title", { name: record.patient.name })}
        description={[
          t("chart.occurredAt", { date: formatDateTime(record.occurredAt, ctx.timeZone) }),
          t("chart.author", { name: record.doctor.name }),
          record.template ? t("chart.template", { name: record.template.name }) : null,
          record.appointmentId ? null : t("chart.walkIn"),
        ].filter(Boolean).join(" · ")}
        actions={<Badge tone={record.status === "SIGNED" ? "success" : "warning"}>{t(`status.${record.status}`)}</Badge>}
      />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-4">
          {record.status === "SIGNED" && <p className="text-sm">{t("sign.signed", { date: formatDateTime(record.signedAt!, ctx.timeZone) })}</p>}
          <ChartEditor record={record} timeZone={ctx.timeZone} editable={editable} canSign={canSign} canReview={canReview}
            actions={{ save: saveDraftAction, sign: signAction, review: reviewAction, searchCid10: searchCid10Action }} />
          {record.status === "SIGNED" && (
            <SignedPanel record={record} timeZone={ctx.timeZone} canAmend={isAuthor && can(ctx, "records:sign")} verify={verifyAction} addendum={addendumAction} />
          )}
          {(canPrescribe || prescriptions.length > 0) && (
            <PrescriptionPanel medicalRecordId={record.id} prescriptions={prescriptions} me={me ?? null} canPrescribe={canPrescribe}
              canSign={can(ctx, "prescriptions:sign")} timeZone={ctx.timeZone} actions={rxActions} searchMedications={searchMedicationsAction} />
          )}
        </div>
        <aside className="space-y-4">
          {editable && isDraft && can(ctx, "records:write") && (
            <Card data-slot="vitals">
              <CardHeader title={t("chart.vitalsSlot")} />
              <CardBody>
                <VitalsForm patientId={record.patient.id} medicalRecordId={record.id} record={recordVitalSignsAction} idPrefix="chart-vitals" />
              </CardBody>
            </Card>
          )}
          <AttachmentsPanel recordId={record.id} canUpload={isAuthor && isDraft && can(ctx, "records:write")} initial={attachments}
            maxMegabytes={maxMegabytes} signed={record.status === "SIGNED"} />
          <DocumentsPanel recordId={record.id} initial={documents} userId={me ?? null} canIssue={can(ctx, "records:sign")} timeZone={ctx.timeZone}
            issue={issueDocumentAction} cancel={cancelDocumentAction} />
        </aside>
      </div>
    </>
  );
}
