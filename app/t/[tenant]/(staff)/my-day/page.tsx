import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AppointmentStatusBadge } from "@/components/appointments/status-badge";
import { PageHeader } from "@/components/layout/page-header";
import { StartEncounterButton } from "@/components/ehr/start-encounter-button";
import { AppointmentActions } from "@/components/scheduling/appointment-actions";
import { Badge } from "@/components/ui/badge";
import { SimpleTable } from "@/components/ui/simple-table";
import { requireStaff } from "@/lib/auth/guards";
import { can } from "@/lib/auth/policy";
import { listTemplates } from "@/lib/ehr/records/templates";
import { formatDate, formatTime } from "@/lib/format/date";
import type { AppointmentView } from "@/lib/scheduling/schemas";
import { allowedMoves } from "@/lib/scheduling/status/moves";
import { myDay } from "@/lib/scheduling/views";
import { transitionAction } from "../appointments/actions";
import { openEncounterAction } from "../records/actions";
import { titled } from "@/lib/i18n/page-title";

/** Which chart button an appointment offers: start it (arrived) or open its note (under way, done). */
function chartMode(status: AppointmentView["status"]): "start" | "open" | null {
  if (status === "ARRIVED") return "start";
  return status === "IN_PROGRESS" || status === "COMPLETED" ? "open" : null;
}

export const generateMetadata = titled("myDay");

/** The signed-in doctor's own appointments today, in the clinic's time zone. */
export default async function MyDayPage() {
  const ctx = await requireStaff("appointments:read");
  const clinician = can(ctx, "records:write");
  const [t, rows, templates] = await Promise.all([getTranslations("scheduling"), myDay(ctx), clinician ? listTemplates(ctx) : []]);
  const now = new Date();
  const columns = [
    { key: "time", header: t("myDay.time"), className: "whitespace-nowrap", cell: (a: AppointmentView) => `${formatTime(a.startsAt, ctx.timeZone)}–${formatTime(a.endsAt, ctx.timeZone)}` },
    {
      key: "patient", header: t("myDay.patient"), rowHeader: true,
      cell: (a: AppointmentView) => (
        <span className="flex flex-wrap items-center gap-2">
          <Link className="font-medium text-brand-800 underline" href={`/appointments/${a.id}`}>{a.patient.name}</Link>
          {a.isEncaixe && <Badge tone="warning">{t("encaixe")}</Badge>}
          {a.modality === "TELEMEDICINE" && <Badge tone="info">{t("modality.TELEMEDICINE")}</Badge>}
        </span>
      ),
    },
    { key: "reason", header: t("myDay.reason"), cell: (a: AppointmentView) => a.reason ?? "—" },
    { key: "status", header: t("myDay.status"), cell: (a: AppointmentView) => <AppointmentStatusBadge status={a.status} label={t(`status.${a.status}`)} /> },
    {
      key: "actions", header: t("myDay.actions"),
      cell: (a: AppointmentView) => {
        const mode = clinician ? chartMode(a.status) : null;
        return (
          <div className="space-y-2">
            {mode && <StartEncounterButton appointmentId={a.id} mode={mode} templates={templates} open={openEncounterAction} />}
            <AppointmentActions id={a.id} transition={transitionAction}
              moves={allowedMoves(ctx, a, now).filter((m) => m === "COMPLETED" || (m === "IN_PROGRESS" && !clinician))} />
          </div>
        );
      },
    },
  ];
  return (
    <>
      <PageHeader title={t("myDay.title")} description={`${formatDate(now, ctx.timeZone)} · ${t("myDay.count", { count: rows.length })}`} />
      <SimpleTable caption={t("myDay.title")} columns={columns} rows={rows} rowKey={(a) => a.id} empty={t("myDay.empty")} />
    </>
  );
}
