import { z } from "zod";
import { validationMessage } from "./messages";

// The one building block for text a client sends. Every schema builds its strings with `text()`
// instead of `z.string()` (an ESLint rule enforces it), so a new field is safe by default.
//
// Refused, as a field error:
// - U+0000: PostgreSQL's text and jsonb cannot hold it (SQLSTATE 22021 / 22P05), so it would
//   otherwise surface as a 500 from the database;
// - a lone UTF-16 surrogate (half of a pair): it has no UTF-8 form, so it would be stored as
//   U+FFFD (silently changing what the person typed) or break encoders on the way.
// Everything else (emoji, accents, RTL marks, quotes, SQL or HTML metacharacters) is ordinary
// text: queries are parameterised and React escapes output.

const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type UnsafeTextReason = "nul" | "surrogate";

/** Why `value` cannot be stored as text, or null when it can. */
export function unsafeTextReason(value: string): UnsafeTextReason | null {
  if (NUL.test(value)) return "nul";
  if (LONE_SURROGATE.test(value)) return "surrogate";
  return null;
}

export const isSafeText = (value: string) => unsafeTextReason(value) === null;

/**
 * `z.string()` that refuses NUL bytes and lone surrogates before any other check runs (so a
 * `.trim().min().max()` chained after it sees only storable text). `error` is the message for a
 * value that is not a string at all.
 */
export function text(error?: string | { error: string }): z.ZodString {
  const params = typeof error === "string" ? { error } : error;
  // `abort`: the checks chained after this one (trim, min, max, regex) do not run on such text.
  return z.string(params)
    .refine((v) => !NUL.test(v), { message: validationMessage("nul"), abort: true })
    .refine((v) => !LONE_SURROGATE.test(v), { message: validationMessage("surrogate"), abort: true });
}

/** Cuts `value` to at most `max` code points, never between the two halves of a pair. */
export function truncateText(value: string, max: number): string {
  if (value.length <= max) return value;
  return Array.from(value).slice(0, max).join("");
}

/**
 * Search box text: storable (see `text`), trimmed, and cut to `max` characters rather than
 * refused, since a search that is too long is not a mistake worth an error (the extra characters
 * could not narrow a name search further anyway). Empty → undefined.
 */
export function searchText(max: number) {
  return text().trim().transform((v) => truncateText(v, max).trim() || undefined);
}

