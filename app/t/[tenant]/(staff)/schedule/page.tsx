import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { CalendarGrid } from "@/components/scheduling/calendar-grid";
import { DateNav } from "@/components/scheduling/date-nav";
import { EmptyState } from "@/components/ui/empty-state";
import { requireStaff } from "@/lib/auth/guards";
import { can } from "@/lib/auth/policy";
import { formatCalendarDate } from "@/lib/format/date";
import { dateParam } from "@/lib/scheduling/page-helpers";
import { localDateOf } from "@/lib/scheduling/time";
import { dayView } from "@/lib/scheduling/views";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("agenda");

/** The front desk's day: one column per agenda, free slots open the booking form. */
export default async function SchedulePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireStaff("appointments:read");
  const date = dateParam((await searchParams).date, ctx.timeZone);
  const [t, view] = await Promise.all([getTranslations("scheduling"), dayView(ctx, date)]);
  const weekday = new Intl.DateTimeFormat(await getLocale(), { weekday: "long", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
  return (
    <>
      <PageHeader title={t("day.title")} description={`${weekday}, ${formatCalendarDate(`${date}T00:00:00Z`)}`} />
      <DateNav path="/schedule" date={date} today={localDateOf(new Date(), ctx.timeZone)} step={1} />
      {view.columns.length === 0 ? (
        <EmptyState title={t("day.noAgendas")} description={t("day.noAgendasHint")} />
      ) : (
        <>
          <p className="mb-2 flex flex-wrap gap-3 text-sm">
            {view.columns.map((c) => (
              <Link key={c.id} className="text-brand-800 underline" href={`/schedule/week?agenda=${c.id}&date=${date}`}>{t("day.weekOf", { agenda: c.name })}</Link>
            ))}
          </p>
          <CalendarGrid
            caption={t("day.title")}
            timeZone={ctx.timeZone}
            canBook={can(ctx, "appointments:write")}
            columns={view.columns.map((c) => ({
              key: c.id, agendaId: c.id, title: c.name, subtitle: [c.doctorName, c.room].filter(Boolean).join(" · "), slots: c.slots, appointments: c.appointments,
            }))}
          />
        </>
      )}
    </>
  );
}
