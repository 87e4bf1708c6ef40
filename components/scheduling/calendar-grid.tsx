import Link from "next/link";
import { clsx } from "clsx";
import { getTranslations } from "next-intl/server";
import { formatTime } from "@/lib/format/date";
import type { AppointmentView, Slot } from "@/lib/scheduling/schemas";
import { assignLanes } from "@/lib/scheduling/lanes";
import { localMinuteOf } from "@/lib/scheduling/time";
import { STATUS_BLOCK } from "./status-style";

// A server-rendered day grid: one column per agenda (day view) or per day (week view), one CSS
// grid row per 5 minutes. Appointments and free slots are links, so the calendar works with a
// keyboard and a screen reader and needs no client JavaScript.

export type GridColumn = { key: string; title: string; subtitle?: string; agendaId: string; slots: Slot[]; appointments: AppointmentView[] };

const STEP = 5;


function range(columns: GridColumn[], timeZone: string): [number, number] {
  const minutes = columns.flatMap((c) => [
    ...c.slots.flatMap((s) => [localMinuteOf(new Date(s.startsAt), timeZone), localMinuteOf(new Date(s.endsAt), timeZone) || 1440]),
    ...c.appointments.flatMap((a) => [localMinuteOf(new Date(a.startsAt), timeZone), localMinuteOf(new Date(a.endsAt), timeZone) || 1440]),
  ]);
  if (minutes.length === 0) return [8 * 60, 18 * 60];
  return [Math.floor(Math.min(...minutes) / 60) * 60, Math.min(1440, Math.ceil(Math.max(...minutes) / 60) * 60)];
}

/**
 * `phoneColumn`: the key of the one column a phone shows (the day view's doctor switcher picks
 * it); on wider screens every column shows. Without it, phones scroll the columns sideways.
 */
export async function CalendarGrid({ columns, timeZone, canBook, caption, columnWidth = "12rem", phoneColumn }: {
  columns: GridColumn[]; timeZone: string; canBook: boolean; caption: string; columnWidth?: string; phoneColumn?: string;
}) {
  const t = await getTranslations("scheduling");
  const [first, last] = range(columns, timeZone);
  const rows = (last - first) / STEP;
  const rowOf = (iso: string) => Math.max(1, Math.floor((localMinuteOf(new Date(iso), timeZone) - first) / STEP) + 1);
  const span = (from: string, to: string) => Math.max(1, Math.round((Date.parse(to) - Date.parse(from)) / 60_000 / STEP));
  const hours = Array.from({ length: (last - first) / 60 }, (_, i) => first + i * 60);
  const offPhone = (c: GridColumn) => phoneColumn !== undefined && c.key !== phoneColumn;
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface" role="region" aria-label={caption}>
      {/* At least columnWidth per column (then the region scrolls), never wider because of a long
          name: min-w-max would size columns by their text and push a week past 1366 px. */}
      <div
        className={clsx("grid w-full", phoneColumn && "max-md:grid-cols-[4rem_minmax(0,1fr)]! max-md:min-w-0!")}
        style={{ gridTemplateColumns: `4rem repeat(${columns.length}, minmax(${columnWidth}, 1fr))`, minWidth: `calc(4rem + ${columns.length} * ${columnWidth})` }}
      >
        <div className="sticky top-0 border-b border-border bg-surface-muted" />
        {columns.map((c) => (
          <div key={c.key} className={clsx("border-b border-l border-border bg-surface-muted px-3 py-2", offPhone(c) && "max-md:hidden")}>
            <h2 className="text-sm font-semibold text-fg">{c.title}</h2>
            {c.subtitle && <p className="text-xs text-fg-muted">{c.subtitle}</p>}
          </div>
        ))}
        <div className="grid" style={{ gridTemplateRows: `repeat(${rows}, 0.55rem)` }} aria-hidden="true">
          {hours.map((m) => (
            <div key={m} className="border-t border-border pe-2 text-end text-xs text-fg-muted" style={{ gridRow: `${(m - first) / STEP + 1} / span ${60 / STEP}` }}>
              {`${String(m / 60).padStart(2, "0")}:00`}
            </div>
          ))}
        </div>
        {columns.map((c) => ({ c, lanes: assignLanes(c.appointments) })).map(({ c, lanes: laneOf }) => (
          <ul key={c.key} aria-label={c.title} className={clsx("relative grid border-l border-border", offPhone(c) && "max-md:hidden")} style={{ gridTemplateRows: `repeat(${rows}, 0.55rem)` }}>
            {c.slots.filter((s) => s.state === "free" || s.state === "blocked").map((s) => (
              <li key={`slot-${s.startsAt}`} className="col-start-1 p-0.5" style={{ gridRow: `${rowOf(s.startsAt)} / span ${span(s.startsAt, s.endsAt)}` }}>
                {s.state === "blocked" ? (
                  <div className="h-full rounded bg-surface-muted px-2 text-xs text-fg-muted">{t("grid.blocked", { time: formatTime(s.startsAt, timeZone), reason: s.blockReason ?? "" })}</div>
                ) : canBook ? (
                  <Link
                    href={`/appointments/new?agenda=${c.agendaId}&start=${encodeURIComponent(s.startsAt)}`}
                    aria-label={t("grid.freeSlot", { time: formatTime(s.startsAt, timeZone), agenda: c.title })}
                    className="flex h-full items-start rounded border border-dashed border-border px-2 text-xs text-fg-muted hover:border-brand-700 hover:text-brand-800 focus-visible:border-brand-700"
                  >
                    {formatTime(s.startsAt, timeZone)} · {t("grid.free")}
                  </Link>
                ) : (
                  <div className="h-full rounded border border-dashed border-border px-2 text-xs text-fg-muted">{formatTime(s.startsAt, timeZone)} · {t("grid.free")}</div>
                )}
              </li>
            ))}
            {c.appointments.map((a) => {
              // Overlapping appointments (encaixes) share the column side by side (lib/scheduling/lanes.ts).
              const { lane, lanes } = laneOf.get(a.id) ?? { lane: 0, lanes: 1 };
              const whole = [
                `${formatTime(a.startsAt, timeZone)}–${formatTime(a.endsAt, timeZone)}`, a.patient.name, t(`status.${a.status}`),
                ...(a.isEncaixe ? [t("encaixe")] : []), ...(a.modality === "TELEMEDICINE" ? [t("modality.TELEMEDICINE")] : []),
              ].join(" · ");
              return (
              <li
                key={a.id} className="col-start-1 min-w-0 p-0.5"
                style={{ gridRow: `${rowOf(a.startsAt)} / span ${span(a.startsAt, a.endsAt)}`, width: `${100 / lanes}%`, marginInlineStart: `${(100 * lane) / lanes}%` }}
              >
                {/* A short card shows time and name; the whole line is its name and its tooltip. */}
                <Link
                  href={`/appointments/${a.id}`} title={whole} aria-label={whole}
                  className={clsx(
                    "relative block h-full overflow-hidden rounded border py-0.5 text-xs shadow-sm",
                    "hover:z-20 hover:h-auto hover:min-h-full hover:shadow-md focus-visible:z-20 focus-visible:h-auto focus-visible:min-h-full focus-visible:shadow-md", lanes > 1 ? "px-1 leading-tight" : "px-2", STATUS_BLOCK[a.status], a.isEncaixe && "border-dashed border-2")}
                >
                  {/* Time and name first (on lines of their own in a narrow lane); what does not fit
                      shows when the card is hovered or focused, when it grows over its neighbours. */}
                  <span className={clsx("font-semibold", lanes > 1 && "block")}>{formatTime(a.startsAt, timeZone)}</span>{" "}
                  <span className={clsx(lanes > 1 && "block break-words")}>{a.patient.name}</span>
                  <span className="block">
                    {t(`status.${a.status}`)}
                    {a.isEncaixe && <> · <strong>{t("encaixe")}</strong></>}
                    {a.modality === "TELEMEDICINE" && <> · {t("modality.TELEMEDICINE")}</>}
                  </span>
                </Link>
              </li>
              );
            })}
          </ul>
        ))}
      </div>
    </div>
  );
}
