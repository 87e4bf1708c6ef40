// Parsers for what people type into Brazilian forms. Client-safe (no server imports): the forms
// and the domain functions run the same code, so a value the browser accepts is one the server
// accepts.

import { calendarDate } from "@/lib/validation/dates";

/**
 * dd/mm/aaaa (or aaaa-mm-dd from an API) → a UTC date, only if it is a real calendar day within
 * the accepted years (lib/validation/dates.ts: 01/01/0001 is refused, not read as 1901).
 */
export function parseDateInput(value: string): Date | null {
  const text = value.trim();
  const br = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [day, month, year] = br ? [br[1], br[2], br[3]] : iso ? [iso[3], iso[2], iso[1]] : [];
  if (!day || !month || !year) return null;
  return calendarDate(Number(year), Number(month), Number(day));
}

/**
 * A date as people type it into a form: parseDateInput's forms, the eight digits alone
 * ("14031978") and a space, dot or dash between day, month and year. Not for search boxes, where
 * eight digits may be a phone number.
 */
export function parseTypedDate(value: string): Date | null {
  const text = value.trim();
  const digits = /^(\d{2})(\d{2})(\d{4})$/.exec(text);
  if (digits) return calendarDate(Number(digits[3]), Number(digits[2]), Number(digits[1]));
  return parseDateInput(text.replace(/^(\d{1,2})[\s./-]+(\d{1,2})[\s./-]+(\d{4})$/, "$1/$2/$3"));
}

/** Whether typed date text has a two-digit year ("14/03/78", "140378"): refused, with a hint. */
export function hasTwoDigitYear(value: string): boolean {
  return /^(\d{1,2}[\s./-]+\d{1,2}[\s./-]+\d{2}|\d{6})$/.test(value.trim());
}

/** A UTC calendar date → "dd/mm/aaaa" (date columns carry no time zone). */
export function formatDateInput(value: Date | null | undefined): string {
  if (!value) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
}

/**
 * Brazilian phone with area code, digits only: 10 digits (landline) or 11 (mobile, 9 first).
 * An optional +55 is dropped; area codes never contain a zero.
 */
export function normalizePhone(value: string): string | null {
  const digits = value.replace(/\D/g, "").replace(/^55(?=\d{10,11}$)/, "");
  if (!/^[1-9]{2}\d{8,9}$/.test(digits)) return null;
  if (digits.length === 11 && digits[2] !== "9") return null;
  return digits;
}

/** "(11) 98765-4321" / "(11) 3456-7890"; anything else is shown as stored. */
export function formatPhone(digits: string | null | undefined): string {
  if (!digits) return "";
  const m = /^(\d{2})(\d{4,5})(\d{4})$/.exec(digits);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : digits;
}

/** CEP: 8 digits, shown as 00000-000. */
export function normalizeCep(value: string): string | null {
  const digits = value.replace(/\D/g, "");
  return /^\d{8}$/.test(digits) && digits !== "00000000" ? digits : null;
}

export function formatCep(digits: string | null | undefined): string {
  return digits && digits.length === 8 ? `${digits.slice(0, 5)}-${digits.slice(5)}` : (digits ?? "");
}
