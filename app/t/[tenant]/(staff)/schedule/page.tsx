import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { CalendarGrid } from "@/components/scheduling/calendar-grid";
import { DateNav } from "@/components/scheduling/date-nav";
import { EmptyState } from "@/components/ui/empty-state";
import { requireStaff } from "@/lib/auth/guards";
import { can } from "@/lib/auth/policy";
import { formatCalendarDate } from "@/lib/format/date";
import { dateParam, one } from "@/lib/scheduling/page-helpers";
import { buttonClasses } from "@/components/ui/button";
import { localDateOf } from "@/lib/scheduling/time";
import { dayView } from "@/lib/scheduling/views";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("agenda");

/** The front desk's day: one column per agenda, free slots open the booking form. */
export default async function SchedulePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireStaff("appointments:read");
  const sp = await searchParams;
  const date = dateParam(sp.date, ctx.timeZone);
  const [t, view] = await Promise.all([getTranslations("scheduling"), dayView(ctx, date)]);
  // On a phone one agenda at a time, picked in the switcher below (?agenda=; the first by default).
  const shown = view.columns.find((c) => c.id === one(sp.agenda)) ?? view.columns[0];
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
          {view.columns.length > 1 && (
            <nav aria-label={t("day.switcher")} className="mb-3 md:hidden">
              <ul className="flex flex-wrap gap-2">
                {view.columns.map((c) => (
                  <li key={c.id}>
                    <Link
                      href={`/schedule?date=${date}&agenda=${c.id}`} aria-current={c.id === shown?.id ? "page" : undefined}
                      className={buttonClasses({ variant: c.id === shown?.id ? "primary" : "secondary", size: "sm" })}
                    >
                      {c.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <CalendarGrid
            phoneColumn={shown?.id}
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
