import { z } from "zod";
import { validationMessage } from "./messages";
import { text } from "./text";

// The range of dates the system accepts from a client, and the one way a calendar day or an
// instant is read from text. Outside 1900–2100 no clinic date makes sense, and the edges of what
// JavaScript can represent (year 0, 9999-12-31T23:59:59Z plus a time zone) break date
// arithmetic and formatting further down ("Invalid time value"). Client-safe.

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const inRange = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR;
export const rangeMessage = () => validationMessage("dateRange", { min: MIN_YEAR, max: MAX_YEAR });

/**
 * The UTC date of a calendar day, or null if it is not a real day (31/02) or lies outside
 * MIN_YEAR–MAX_YEAR. Built with setUTCFullYear: `Date.UTC(1, 0, 1)` would mean 1901.
 */
export function calendarDate(year: number, month: number, day: number): Date | null {
  if (![year, month, day].every(Number.isInteger) || !inRange(year)) return null;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? d : null;
}

/** Whether typed date text names a four-digit year outside the accepted range (for a precise message). */
export function yearOutOfRange(value: string): boolean {
  const year = /(?:^|\D)(\d{4})(?:\D|$)/.exec(value)?.[1];
  return year !== undefined && !inRange(Number(year));
}

/** An instant (a valid Date) whose UTC year lies in MIN_YEAR–MAX_YEAR. */
export function isInstantInRange(d: Date): boolean {
  return !Number.isNaN(d.getTime()) && inRange(d.getUTCFullYear());
}

/** "aaaa-mm-dd" as typed or sent by an API: a real day in range, kept as the string. */
export function isoDay(message: string) {
  return text().regex(/^\d{4}-\d{2}-\d{2}$/, { message, abort: true }).superRefine((v, ctx) => {
    const [y, m, d] = v.split("-").map(Number) as [number, number, number];
    if (calendarDate(y, m, d) === null) ctx.addIssue({ code: "custom", message: inRange(y) ? message : rangeMessage() });
  });
}

/** "aaaa-mm-ddThh:mm" (datetime-local inputs): a real wall-clock moment in range, kept as the string. */
export function isoLocalDateTime(message: string) {
  return text().regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, { message, abort: true }).superRefine((v, ctx) => {
    const [y, m, d] = v.slice(0, 10).split("-").map(Number) as [number, number, number];
    if (calendarDate(y, m, d) === null) ctx.addIssue({ code: "custom", message: inRange(y) ? message : rangeMessage() });
  });
}

/** ISO 8601 with an offset → a Date in range; anything else is a field error, never an Invalid Date. */
export function isoInstant(message = validationMessage("instant")) {
  return text().pipe(z.iso.datetime({ offset: true, message })).transform((v, ctx) => {
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) { ctx.addIssue({ code: "custom", message }); return z.NEVER; }
    if (!isInstantInRange(d)) { ctx.addIssue({ code: "custom", message: rangeMessage() }); return z.NEVER; }
    return d;
  });
}
