import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/guards";
import { can } from "@/lib/auth/policy";
import { getRecord } from "@/lib/ehr/records/queries";
import { EDITABLE } from "@/lib/ehr/records/policy";
import { isAppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format/date";
import { orNotFound } from "@/lib/not-found-page";
import { searchCid10Action } from "../../_actions/cid10";
import { addendumAction, reviewAction, saveDraftAction, signAction, verifyAction } from "../actions";
import { ChartEditor } from "./_components/chart-editor";
import { SignedPanel } from "./_components/signed-panel";

export const metadata: Metadata = { title: "Prontuário" };

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
        </div>
        <aside className="space-y-4">
          {/* Slot: vital signs of this encounter (components/ehr/vitals, branch ehr-vitals). */}
          <Card data-slot="vitals"><CardHeader title={t("chart.vitalsSlot")} /><CardBody>{null}</CardBody></Card>
          {/* Slot: attachments of this encounter (components/ehr/attachments, branch ehr-attachments). */}
          <Card data-slot="attachments"><CardHeader title={t("chart.attachmentsSlot")} /><CardBody>{null}</CardBody></Card>
        </aside>
      </div>
    </>
  );
}
