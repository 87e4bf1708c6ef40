import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AppointmentStatusBadge } from "@/components/appointments/status-badge";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { SimpleTable } from "@/components/ui/simple-table";
import { listTodayAppointments, type DayAppointment } from "@/lib/appointments/queries";
import { requireStaff } from "@/lib/auth/guards";
import { can } from "@/lib/auth/policy";
import { pendingWork } from "@/lib/ehr/records/queries";
import { formatDate, formatTime } from "@/lib/format/date";
import { WorkTable } from "./records/_components/work-table";
import { firstName } from "@/lib/format/names";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("dashboard");

export default async function DashboardPage() {
  const ctx = await requireStaff("dashboard:view");
  const [t, tx, ts, tr, appointments, work] = await Promise.all([
    getTranslations("dashboard"), getTranslations("dashboardExtra"), getTranslations("scheduling.links"), getTranslations("records.work"),
    listTodayAppointments(ctx), pendingWork(ctx),
  ]);
  const columns = [
    { key: "time", header: t("columns.time"), cell: (a: DayAppointment) => formatTime(a.startsAt, ctx.timeZone) },
    {
      key: "patient", header: t("columns.patient"), rowHeader: true,
      cell: (a: DayAppointment) => (
        <span className="flex flex-wrap items-center gap-2">
          <Link className="text-brand-800 underline" href={`/appointments/${a.id}`}>{a.patientName}</Link>
          {a.isEncaixe && <Badge tone="warning">{tx("encaixe")}</Badge>}
          {a.modality === "TELEMEDICINE" && <Badge tone="info">{tx("telemedicine")}</Badge>}
        </span>
      ),
    },
    { key: "doctor", header: t("columns.doctor"), cell: (a: DayAppointment) => a.doctorName },
    { key: "status", header: t("columns.status"), cell: (a: DayAppointment) => <AppointmentStatusBadge status={a.status} label={t(`status.${a.status}`)} /> },
  ];
  return (
    <>
      <PageHeader
        title={t("greeting", { name: firstName(ctx.user?.name ?? "") })}
        description={`${formatDate(new Date(), ctx.timeZone)} · ${tx("countToday", { count: appointments.length })}`}
        actions={
          <span className="flex gap-2">
            {can(ctx, "appointments:read") && <Link className={buttonClasses({ variant: "secondary" })} href="/schedule">{ts("daySchedule")}</Link>}
            {can(ctx, "appointments:write") && <Link className={buttonClasses()} href="/appointments/new">{ts("book")}</Link>}
          </span>
        }
      />
      {can(ctx, "records:sign") && (
        <section className="mb-6">
          <h2 className="mb-3 text-lg font-semibold">{tr("title")}</h2>
          <WorkTable items={work} timeZone={ctx.timeZone} />
        </section>
      )}
      <h2 className="mb-3 text-lg font-semibold">{t("todayAppointments")}</h2>
      <SimpleTable caption={t("todayAppointments")} columns={columns} rows={appointments} rowKey={(a) => a.id} empty={t("empty")} />
    </>
  );
}
