import { TZDate } from "@date-fns/tz";

// Wall-clock arithmetic in the clinic's zone. Working hours are "minutes from local midnight",
// so a slot is placed by its local time and converted to an instant per day: a DST change moves
// the instants, never the clinic's 08:00. A local time that does not exist (the hour skipped
// when clocks go forward) yields null and is not offered.

export type LocalDay = { y: number; m: number; d: number };

export function parseLocalDate(date: string): LocalDay {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return { y, m, d };
}

export function formatLocalDate({ y, m, d }: LocalDay): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** 0 = Sunday … 6 = Saturday, of a calendar day (no zone involved). */
export const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** The Monday of the week holding `date`. */
export const mondayOf = (date: string) => addDays(date, -((weekdayOf(date) + 6) % 7));

/** The calendar day an instant falls on in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

/** Minutes from local midnight of an instant in `timeZone`. */
export function localMinuteOf(instant: Date, timeZone: string): number {
  const t = new TZDate(instant.getTime(), timeZone);
  return t.getHours() * 60 + t.getMinutes();
}

/** The instant of `minute` (0…1440) after local midnight of `date`, or null if that wall time does not exist. */
export function atLocalMinute(date: string, minute: number, timeZone: string): Date | null {
  const { y, m, d } = parseLocalDate(date);
  const t = new TZDate(y, m - 1, d, 0, minute, timeZone);
  const expectedDay = addDays(date, Math.floor(minute / 1440));
  const sameWallTime = t.getHours() * 60 + t.getMinutes() === minute % 1440
    && formatLocalDate({ y: t.getFullYear(), m: t.getMonth() + 1, d: t.getDate() }) === expectedDay;
  return sameWallTime ? new Date(t.getTime()) : null;
}

/** [local midnight, next local midnight) of `date`; midnight itself always exists in practice. */
export function localDayBounds(date: string, timeZone: string): { from: Date; to: Date } {
  const { y, m, d } = parseLocalDate(date);
  const next = parseLocalDate(addDays(date, 1));
  return {
    from: new Date(new TZDate(y, m - 1, d, timeZone).getTime()),
    to: new Date(new TZDate(next.y, next.m - 1, next.d, timeZone).getTime()),
  };
}

/** "2026-11-25T14:30" read in `timeZone` (a skipped wall time moves forward, as clocks do). */
export function parseLocalDateTime(value: string, timeZone: string): Date {
  const [date, hhmm] = value.split("T") as [string, string];
  const { y, m, d } = parseLocalDate(date);
  return new Date(new TZDate(y, m - 1, d, Number(hhmm.slice(0, 2)), Number(hhmm.slice(3, 5)), timeZone).getTime());
}

/** An instant as "2026-11-25T14:30" in `timeZone` (for datetime-local inputs). */
export function toLocalDateTime(instant: Date, timeZone: string): string {
  const minute = localMinuteOf(instant, timeZone);
  return `${localDateOf(instant, timeZone)}T${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}
