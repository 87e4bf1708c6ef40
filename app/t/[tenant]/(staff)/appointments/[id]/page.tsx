import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AppointmentStatusBadge } from "@/components/appointments/status-badge";
import { PageHeader } from "@/components/layout/page-header";
import { StartEncounterButton } from "@/components/ehr/start-encounter-button";
import { AppointmentActions } from "@/components/scheduling/appointment-actions";
import { AppointmentHistoryList } from "@/components/scheduling/appointment-history";
import { RescheduleForm } from "@/components/scheduling/reschedule-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/guards";
import { can } from "@/lib/auth/policy";
import { formatDate, formatDateTime, formatTime } from "@/lib/format/date";
import { orNotFound } from "@/lib/scheduling/page-helpers";
import { getAppointment, getAppointmentHistory } from "@/lib/scheduling/queries";
import { allergySummary } from "@/lib/patients/allergies";
import { undoOffer } from "@/lib/scheduling/status/revert";
import { allowedMoves, withheldMoves } from "@/lib/scheduling/status/moves";
import { listTemplates } from "@/lib/ehr/records/templates";
import { openEncounterAction } from "../../records/actions";
import { localDateOf } from "@/lib/scheduling/time";
import { freeSlotsAction, rescheduleAction, transitionAction, undoStatusAction } from "../actions";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("appointment");

export default async function AppointmentPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireStaff("appointments:read");
  const { id } = await params;
  const [t, tp, a, history] = await Promise.all([
    getTranslations("scheduling"), getTranslations("patientRecord"), orNotFound(getAppointment(ctx, id)), orNotFound(getAppointmentHistory(ctx, id)),
  ]);
  const readsPatients = can(ctx, "patients:read");
  const allergies = readsPatients ? await allergySummary(ctx, a.patient.id) : null;
  const now = new Date();
  const tz = ctx.timeZone;
  // A clinician starts the consultation here too ("Iniciar atendimento"), or opens its chart.
  const clinician = can(ctx, "records:write");
  const chartMode = !clinician ? null : a.status === "ARRIVED" ? "start" : a.status === "IN_PROGRESS" || a.status === "COMPLETED" ? "open" : null;
  const templates = chartMode === "start" ? await listTemplates(ctx) : [];
  const rows: [string, React.ReactNode][] = [
    [t("detail.patient"), readsPatients
      ? <Link className="text-brand-800 underline" href={`/patients/${a.patient.id}`}>{a.patient.name}</Link>
      : a.patient.name],
    ...(allergies ? [[t("detail.allergies"), allergies.active.length > 0
      ? <span className="font-medium text-danger-fg">{allergies.active.map((x) => `${x.substance} (${tp(`severity.${x.severity as "MILD"}`)})`).join(", ")}</span>
      : allergies.denies ? t("detail.deniesAllergies") : t("detail.allergiesUnknown")] as [string, React.ReactNode]] : []),
    [t("detail.when"), `${formatDate(a.startsAt, tz)} ${formatTime(a.startsAt, tz)}–${formatTime(a.endsAt, tz)}`],
    [t("detail.doctor"), a.doctor.name],
    [t("detail.agenda"), [a.agenda?.name, a.room].filter(Boolean).join(" · ") || "—"],
    [t("detail.modality"), t(`modality.${a.modality}`)],
    [t("detail.insurance"), a.insurance?.name ?? t("booking.private")],
    [t("detail.reason"), a.reason ?? "—"],
  ];
  if (a.isEncaixe) rows.push([t("encaixe"), a.encaixeReason ?? ""]);
  if (a.cancelledAt) rows.push([t("detail.cancelled"), t("detail.cancelledBy", { when: formatDateTime(a.cancelledAt, tz), who: a.cancelledByName ?? "—", reason: a.cancellationReason ?? "—" })]);
  const canReschedule = can(ctx, "appointments:write") && (a.status === "SCHEDULED" || a.status === "CONFIRMED") && a.agenda;
  return (
    <>
      <PageHeader
        title={a.patient.name}
        description={a.patient.name !== a.patient.civilName ? a.patient.civilName : undefined}
        actions={<span className="flex gap-2"><AppointmentStatusBadge status={a.status} label={t(`status.${a.status}`)} />{a.isEncaixe && <Badge tone="warning">{t("encaixe")}</Badge>}</span>}
      />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="space-y-6">
          <Card>
            <CardHeader title={t("detail.title")} />
            <CardBody>
              <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[10rem_1fr]">
                {rows.map(([k, v]) => <div key={k} className="contents"><dt className="text-sm text-fg-muted">{k}</dt><dd>{v}</dd></div>)}
              </dl>
              <div className="mt-4 space-y-2">
                {chartMode && <StartEncounterButton appointmentId={a.id} mode={chartMode} templates={templates} open={openEncounterAction} />}
                <AppointmentActions
                  id={a.id} moves={allowedMoves(ctx, a, now).filter((m) => !(clinician && m === "IN_PROGRESS"))} withheld={withheldMoves(ctx, a, now)}
                  undo={undoOffer(ctx, a, now)} transition={transitionAction} undoAction={undoStatusAction}
                />
              </div>
            </CardBody>
          </Card>
          {canReschedule && (
            <Card>
              <CardHeader title={t("reschedule.title")} description={t("reschedule.description")} />
              <CardBody>
                <RescheduleForm id={a.id} agendaId={a.agenda!.id} timeZone={tz} initialDate={localDateOf(new Date(a.startsAt), tz)} actions={{ reschedule: rescheduleAction, slots: freeSlotsAction }} />
              </CardBody>
            </Card>
          )}
        </div>
        <Card>
          <CardHeader title={t("history.title")} />
          <CardBody>
            {history.rescheduledFrom && <p className="mb-2 text-sm"><Link className="text-brand-800 underline" href={`/appointments/${history.rescheduledFrom}`}>{t("history.from")}</Link></p>}
            {history.rescheduledTo && <p className="mb-2 text-sm"><Link className="text-brand-800 underline" href={`/appointments/${history.rescheduledTo}`}>{t("history.to")}</Link></p>}
            <AppointmentHistoryList entries={history.entries} current={a.id} timeZone={tz} />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
