import { isValidCpf, normalizeCpf } from "@/lib/br/documents";
import { normalizePhone, parseDateInput } from "./br-input";
import { toSearchName } from "./search-name";

// One search box, four meanings: a date is a birth date, 11 digits with valid check digits a
// CPF, other digit runs a phone, anything else a name. Pure and client-safe, so the list can
// tell the user what it searched for.

export type SearchIntent =
  | { kind: "all" }
  | { kind: "name"; query: string; terms: string[] }
  | { kind: "cpf"; cpf: string; phones: string[] }
  | { kind: "phone"; phones: string[] }
  | { kind: "birthDate"; date: Date }
  /** Digits that are neither a CPF nor a phone (e.g. part of a CPF, which is encrypted). */
  | { kind: "digits" };

const MAX_TERMS = 6;
// Area codes have no zero digit; a number typed without one is tried under all of them.
const AREA_CODES = Array.from({ length: 81 }, (_, i) => `${Math.floor(i / 9) + 1}${(i % 9) + 1}`);

function phoneCandidates(digits: string): string[] {
  const full = normalizePhone(digits);
  if (full) return [full];
  if (digits.length === 9 && digits[0] === "9") return AREA_CODES.map((ddd) => ddd + digits);
  // Eight digits: a landline, or a mobile written without its leading 9.
  if (digits.length === 8) return AREA_CODES.flatMap((ddd) => [ddd + digits, `${ddd}9${digits}`]);
  return [];
}

export function classifySearch(raw: string | undefined): SearchIntent {
  const q = (raw ?? "").trim();
  if (!q) return { kind: "all" };
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/.test(q)) {
    const date = parseDateInput(q);
    return date ? { kind: "birthDate", date } : { kind: "digits" };
  }
  if (/^[\d\s().+\-/]+$/.test(q)) {
    const digits = normalizeCpf(q);
    if (digits.length === 11 && isValidCpf(digits)) return { kind: "cpf", cpf: digits, phones: phoneCandidates(digits) };
    const phones = phoneCandidates(digits);
    return phones.length > 0 ? { kind: "phone", phones } : { kind: "digits" };
  }
  const query = toSearchName(q);
  return { kind: "name", query, terms: query.split(" ").slice(0, MAX_TERMS) };
}

/** Escapes LIKE's wildcards so a typed % or _ matches itself (backslash is LIKE's escape). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
