import { format } from "date-fns";
import { tz } from "@date-fns/tz";
import { DEFAULT_TIME_ZONE } from "../i18n/config";

// Brazilian numeric formats. They are the same in both UI languages on purpose:
// clinical documents and CPF-era paperwork use dd/mm/aaaa regardless of UI language.
const DATE = "dd/MM/yyyy";
const TIME = "HH:mm";

export type DateInput = Date | string | number;

function toDate(value: DateInput): Date {
  const date = value instanceof Date ? value : new Date(value);
  // Fail loudly: silently printing "Invalid Date" in a medical record hides a bug.
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid date: ${String(value)}`);
  return date;
}

/**
 * Formats the calendar day of an instant as seen in `timeZone` (IANA), e.g. "05/03/2025".
 * The server runs in UTC, so the zone must be explicit: 01:00Z is still "yesterday" in Brazil.
 */
export function formatDate(value: DateInput, timeZone: string = DEFAULT_TIME_ZONE): string {
  return format(toDate(value), DATE, { in: tz(timeZone) });
}

/** "05/03/2025 14:30" in `timeZone`. */
export function formatDateTime(value: DateInput, timeZone: string = DEFAULT_TIME_ZONE): string {
  return format(toDate(value), `${DATE} ${TIME}`, { in: tz(timeZone) });
}

/** "14:30" (24-hour) in `timeZone`. */
export function formatTime(value: DateInput, timeZone: string = DEFAULT_TIME_ZONE): string {
  return format(toDate(value), TIME, { in: tz(timeZone) });
}

/**
 * A date-only value (birth date, stored as a `date` column and serialised as
 * "YYYY-MM-DD" or UTC midnight) has no time zone: shifting it to São Paulo would
 * show the previous day. Format its UTC calendar fields instead.
 */
export function formatCalendarDate(value: DateInput): string {
  return format(toDate(value), DATE, { in: tz("UTC") });
}
