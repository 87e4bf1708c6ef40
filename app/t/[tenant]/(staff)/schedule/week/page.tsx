import { getLocale, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { CalendarGrid } from "@/components/scheduling/calendar-grid";
import { DateNav } from "@/components/scheduling/date-nav";
import { requireStaff } from "@/lib/auth/guards";
import { can } from "@/lib/auth/policy";
import { formatCalendarDate } from "@/lib/format/date";
import { dateParam, one, orNotFound } from "@/lib/scheduling/page-helpers";
import { localDateOf } from "@/lib/scheduling/time";
import { weekView } from "@/lib/scheduling/views";
import { listAgendas } from "@/lib/scheduling/agendas";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("weekAgenda");

export default async function WeekPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireStaff("appointments:read");
  const sp = await searchParams;
  const date = dateParam(sp.date, ctx.timeZone);
  const agendaId = one(sp.agenda) ?? "";
  if (!agendaId) {
    // No agenda named (the bare link): the first one this user can see, else say there is none.
    const first = (await listAgendas(ctx))[0];
    if (first) redirect(`/schedule/week?agenda=${first.id}&date=${date}`);
    const t = await getTranslations("scheduling");
    return (
      <>
        <PageHeader title={t("week.heading")} />
        <EmptyState title={t("week.noAgendas")} description={t("week.noAgendasHint")} />
      </>
    );
  }
  const [t, view] = await Promise.all([getTranslations("scheduling"), orNotFound(weekView(ctx, agendaId, date))]);
  const fmt = new Intl.DateTimeFormat(await getLocale(), { weekday: "short", timeZone: "UTC" });
  const weekday = (d: string) => fmt.format(new Date(`${d}T12:00:00Z`));
  return (
    <>
      <PageHeader
        title={t("week.title", { agenda: view.agenda.name })}
        description={`${view.agenda.doctorName} · ${formatCalendarDate(`${view.days[0]!.date}T00:00:00Z`)} – ${formatCalendarDate(`${view.days[6]!.date}T00:00:00Z`)}`}
      />
      <DateNav path="/schedule/week" params={{ agenda: view.agenda.id }} date={date} today={localDateOf(new Date(), ctx.timeZone)} step={7} />
      <CalendarGrid
        caption={t("week.title", { agenda: view.agenda.name })}
        timeZone={ctx.timeZone}
        canBook={can(ctx, "appointments:write")}
        columnWidth="8rem"
        columns={view.days.map((d) => ({
          key: d.date, agendaId: view.agenda.id, title: `${weekday(d.date)} ${formatCalendarDate(`${d.date}T00:00:00Z`).slice(0, 5)}`, slots: d.slots, appointments: d.appointments,
        }))}
      />
    </>
  );
}
