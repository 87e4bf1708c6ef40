import { randomInt } from "node:crypto";
import { tenantUrl } from "@/lib/engagement/links";

// The short code printed under the QR code and typed by a pharmacist who has only the paper.
// 12 symbols of Crockford's base32 (no I, L, O, U: nothing to misread) are 60 random bits from
// the CSPRNG. Codes are looked up only within the clinic of the host, so guessing one document
// among a million of a clinic takes ~10^12 tries on average: unguessable without a rate limit
// (docs/documents.md, "Verification").

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 12;

export function newVerificationCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/**
 * The stored form of a code as typed or read: case, spaces and hyphens ignored, and the letters
 * Crockford maps to digits (I, L → 1; O → 0) read as such. Null when it cannot be a code.
 */
export function normalizeVerificationCode(input: unknown): string | null {
  if (typeof input !== "string" || input.length > 40) return null;
  const code = input.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  if (code.length !== CODE_LENGTH) return null;
  for (const c of code) if (!ALPHABET.includes(c)) return null;
  return code;
}

/** "ABCD-EFGH-JKMN": how the code is printed and shown. */
export const formatVerificationCode = (code: string) => code.match(/.{1,4}/g)!.join("-");

/** The public page of a document on its clinic's own host (lib/engagement/links.ts builds the origin). */
export const verificationUrl = (tenantSlug: string, code: string) => tenantUrl(tenantSlug, `/v/${formatVerificationCode(code)}`);
