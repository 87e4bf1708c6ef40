import { getTranslations } from "next-intl/server";
import { BreakGlassForm } from "@/components/ehr/break-glass-form";
import { PatientTimelineView } from "@/components/ehr/patient-timeline";
import { VitalsCharts } from "@/components/ehr/vitals-charts";
import { VitalsForm } from "@/components/ehr/vitals-form";
import { patientHref } from "@/components/patients/links";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { mayBreakGlass } from "@/lib/ehr/access";
import { getPatientTimeline } from "@/lib/ehr/timeline/queries";
import { parseTimelineParams } from "@/lib/ehr/timeline/schemas";
import { listVitalSigns } from "@/lib/ehr/vitals/queries";
import { isAppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format/date";
import { openBreakGlassAction, recordVitalSignsAction } from "../clinical-actions";

// The clinical part of /patients/{id}. Access is the domain's decision (requireClinicalAccess
// inside each read, logged there): a role without it sees no clinical content at all, and, if
// it may break glass, the "Acesso de emergência" form instead.

type Props = { ctx: Context; patientId: string; active: boolean; searchParams: Record<string, string | string[] | undefined> };

const CHART_POINTS = 200;

export async function ClinicalSection({ ctx, patientId, active, searchParams }: Props) {
  if (!can(ctx, "records:read") && !mayBreakGlass(ctx)) return null;
  const t = await getTranslations("ehrAccess");
  const tv = await getTranslations("ehrVitals");
  const filter = parseTimelineParams(searchParams);
  let loaded;
  try {
    const timeline = await getPatientTimeline(ctx, patientId, filter);
    const vitals = await listVitalSigns(ctx, patientId, { limit: CHART_POINTS });
    loaded = { timeline, vitals: vitals.rows };
  } catch (error) {
    if (!isAppError(error) || error.code !== "forbidden") throw error;
    return (
      <Card aria-labelledby="clinical-denied-title">
        <CardHeader titleId="clinical-denied-title" title={t("denied.title")} />
        <CardBody className="space-y-3">
          <p className="text-sm">{t("denied.text")}</p>
          <BreakGlassForm patientId={patientId} open={openBreakGlassAction} />
        </CardBody>
      </Card>
    );
  }
  const { timeline, vitals } = loaded;
  return (
    <>
      {timeline.access.expiresAt && (
        <Alert tone="warning">{t("breakGlass.active", { time: formatDateTime(timeline.access.expiresAt, ctx.timeZone) })}</Alert>
      )}
      <PatientTimelineView timeline={timeline} filter={filter} basePath={patientHref(patientId)} timeZone={ctx.timeZone} />
      <Card aria-labelledby="vitals-title">
        <CardHeader titleId="vitals-title" title={tv("title")} />
        <CardBody className="space-y-6">
          {can(ctx, "records:write") && active && <VitalsForm patientId={patientId} record={recordVitalSignsAction} />}
          <section aria-label={tv("charts.title")}>
            <h3 className="mb-2 text-sm font-semibold">{tv("charts.title")}</h3>
            <VitalsCharts vitals={vitals} timeZone={ctx.timeZone} />
          </section>
        </CardBody>
      </Card>
    </>
  );
}
