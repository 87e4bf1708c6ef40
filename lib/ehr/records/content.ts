import { openField, sealField } from "@/lib/crypto/config";
import { SECTION_KEYS, type Sections } from "./schemas";

// The narrative never reaches a column in clear: all sections travel as one sealed JSON value
// (AES-256-GCM, key id in the value, AAD = tenant + column so a ciphertext copied to another
// clinic or column does not open).

const CONTENT = "medical_records.content";
const SIGNED = "medical_records.signed_content";
const REVIEW_COMMENT = "medical_records.review_comment";

/** Empty sections are dropped, so "" and absent are the same content. */
export function normalizeSections(sections: Sections): Sections {
  const out: Sections = {};
  for (const key of SECTION_KEYS) {
    const text = sections[key];
    if (typeof text === "string" && text.trim() !== "") out[key] = text;
  }
  return out;
}

export function sealSections(tenantId: string, sections: Sections): string {
  return sealField(tenantId, CONTENT, JSON.stringify(normalizeSections(sections)));
}

export function openSections(tenantId: string, sealed: string | null): Sections {
  if (!sealed) return {};
  const parsed = JSON.parse(openField(tenantId, CONTENT, sealed)) as Record<string, unknown>;
  const out: Sections = {};
  for (const key of SECTION_KEYS) if (typeof parsed[key] === "string") out[key] = parsed[key];
  return out;
}

/** Addenda keep their text under the key "addendum" of the same sealed JSON. */
export function sealAddendum(tenantId: string, text: string): string {
  return sealField(tenantId, CONTENT, JSON.stringify({ addendum: text }));
}

export function openAddendum(tenantId: string, sealed: string | null): string {
  if (!sealed) return "";
  const parsed = JSON.parse(openField(tenantId, CONTENT, sealed)) as { addendum?: unknown };
  return typeof parsed.addendum === "string" ? parsed.addendum : "";
}

export const sealSigned = (tenantId: string, canonical: string) => sealField(tenantId, SIGNED, canonical);
export const openSigned = (tenantId: string, sealed: string) => openField(tenantId, SIGNED, sealed);
export const sealComment = (tenantId: string, text: string) => sealField(tenantId, REVIEW_COMMENT, text);
export const openComment = (tenantId: string, sealed: string | null) => (sealed ? openField(tenantId, REVIEW_COMMENT, sealed) : null);
