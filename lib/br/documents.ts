import {
  formatCnpj as buFormatCnpj,
  formatCns as buFormatCns,
  formatCpf as buFormatCpf,
  generateCnpj as buGenerateCnpj,
  generateCpf as buGenerateCpf,
  isValidCnpj as buIsValidCnpj,
  isValidCns as buIsValidCns,
  isValidCpf as buIsValidCpf,
} from "@brazilian-utils/brazilian-utils";

/**
 * Brazilian identifiers used by the EHR. Check-digit rules come from
 * @brazilian-utils/brazilian-utils; only what it lacks (CNES, CRM with a free-standing UF) is
 * written here. Normalizers strip masks WITHOUT truncating (the library's parse* helpers cut
 * to 11/14/15 characters), so a value with extra digits stays invalid instead of silently
 * matching someone else's document — important because normalized values feed blind indexes.
 */

/** The 27 federative units (26 states + DF). */
export const UFS = [
  "AC", "AL", "AM", "AP", "BA", "CE", "DF", "ES", "GO", "MA", "MG", "MS", "MT", "PA",
  "PB", "PE", "PI", "PR", "RJ", "RN", "RO", "RR", "RS", "SC", "SE", "SP", "TO",
] as const;
export type Uf = (typeof UFS)[number];

const UF_SET: ReadonlySet<string> = new Set(UFS);

export function isUf(value: string): value is Uf {
  return UF_SET.has(value);
}

// ---- CPF ----------------------------------------------------------------------------------

/** Digits only, e.g. "123.456.789-09" → "12345678909". Does not pad or truncate. */
export function normalizeCpf(value: string): string {
  return value.replace(/\D/g, "");
}

/** Check digits, 11 digits, and not a repeated-digit number (000…, 111…, which pass the sum). */
export function isValidCpf(value: string): boolean {
  return buIsValidCpf(value);
}

/** "000.000.000-00"; expects 11 digits (masks are ignored). */
export function formatCpf(value: string): string {
  return buFormatCpf(normalizeCpf(value));
}

/** A random valid CPF for seeds and tests (Math.random: never for anything secret). */
export function generateCpf(): string {
  return buGenerateCpf();
}

// ---- CNPJ (numeric and, from July 2026, alphanumeric) -------------------------------------

/** Uppercase, letters and digits only: "12.abc.345/01de-35" → "12ABC34501DE35". */
export function normalizeCnpj(value: string): string {
  return value.toUpperCase().replace(/[^0-9A-Z]/g, "");
}

/**
 * Accepts both the numeric CNPJ and the alphanumeric one (IN RFB 2.229/2024). The library
 * only reads letters with `version: 2`; its default silently rejects every alphanumeric CNPJ.
 */
export function isValidCnpj(value: string): boolean {
  return buIsValidCnpj(value, { version: 2 });
}

/** "00.000.000/0000-00" (letters kept, uppercased). */
export function formatCnpj(value: string): string {
  return buFormatCnpj(normalizeCnpj(value), { version: 2 });
}

/** A random valid CNPJ; `alphanumeric: true` exercises the 2026 format in tests. */
export function generateCnpj(options: { alphanumeric?: boolean } = {}): string {
  return buGenerateCnpj(options.alphanumeric ? 2 : 1);
}

// ---- CNS (Cartão Nacional de Saúde) -------------------------------------------------------

/** Digits only; does not truncate. */
export function normalizeCns(value: string): string {
  return value.replace(/\D/g, "");
}

/**
 * 15 digits. Definitive cards (start 1 or 2) are rebuilt from their 11-digit PIS base and
 * compared; provisional ones (start 7, 8, 9) need a weighted sum (15…1) divisible by 11.
 * This is the DATASUS/ANVISA algorithm as implemented by the library.
 */
export function isValidCns(value: string): boolean {
  return buIsValidCns(value);
}

/** "000 0000 0000 0000", the grouping printed on the card. */
export function formatCns(value: string): string {
  return buFormatCns(normalizeCns(value));
}

// ---- CNES (Cadastro Nacional de Estabelecimentos de Saúde) --------------------------------

/** 7 digits. CNES has no public check digit, so this is a shape check only. */
export function isValidCnes(value: string): boolean {
  const digits = value.trim();
  return /^\d{7}$/.test(digits) && !/^0+$/.test(digits);
}

// ---- CRM (Conselho Regional de Medicina) --------------------------------------------------

/**
 * CRM number + UF. The CFM publishes no format and no check digit; numbers are sequential per
 * regional council, from 1–3 digits for old registrations in small states to 6 digits in SP
 * today, so 1–8 digits leaves room for growth. The library's isValidRegistroProfissional
 * requires 4–6 digits and would reject real early registrations, hence our own check.
 * Thousands separators and spaces ("123.456") are accepted; the UF is case-insensitive.
 */
export function isValidCrm(number: string, uf: string): boolean {
  const digits = normalizeCrm(number);
  return /^\d{1,8}$/.test(digits) && !/^0+$/.test(digits) && isUf(uf.trim().toUpperCase());
}

/** "123.456" → "123456"; leading zeros dropped so "001234" and "1234" are the same doctor. */
export function normalizeCrm(number: string): string {
  const compact = number.trim().replace(/[.\s]/g, "");
  return /^\d+$/.test(compact) ? compact.replace(/^0+(?=\d)/, "") : compact;
}
