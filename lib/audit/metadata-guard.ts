import { isEncryptedField } from "@/lib/crypto/field-encryption";

// recordAudit's last line of defence: audit rows are immutable, so personal or clinical values
// written there in clear could never be corrected or erased (LGPD) and SBIS NGS1.07.06 wants
// none in the trail. Metadata holds field names, ids, codes, counts and flags; a value under a key
// that names personal data (fullName, phone, birthDate, reason, notes…) is refused unless it is a
// flag, a null or a ciphertext. A refusal is a programming error: it fails the transaction, so a
// test of the flow catches it before it ships. Field names as array items ("changed": ["phone"])
// are fine: only values under such keys are checked.

// Matched against the key's trailing words (camelCase or snake_case): `patientPhone`, `phone`
// and `emergency_phone` are personal; `capacity` is not `city`, `attemptNumber` is not `number`.
const PERSONAL_WORDS = new Set([
  "fullname", "socialname", "patientname", "contactname", "mothername", "personname",
  "email", "phone", "mobile", "whatsapp", "birthdate", "dateofbirth",
  "cpf", "cns", "passport", "document", "cardnumber",
  "address", "street", "complement", "district", "city", "cep", "zipcode",
  "reason", "note", "notes", "reaction", "substance", "allergy", "allergies", "diagnosis", "complaint", "content",
  "password",
]);

/** Keys personal only as a whole (as a suffix they are too broad). */
const PERSONAL_EXACT = new Set(["number", "rg", "dob"]);

function isPersonalKey(key: string): boolean {
  if (PERSONAL_EXACT.has(key.toLowerCase())) return true;
  const words = key.split(/_|-|(?=[A-Z])/).filter(Boolean).map((w) => w.toLowerCase());
  for (let i = 0; i < words.length; i++) if (PERSONAL_WORDS.has(words.slice(i).join(""))) return true;
  return false;
}

const MAX_DEPTH = 8;

export class AuditMetadataError extends Error {
  override name = "AuditMetadataError";
}

const harmless = (v: unknown) => v === null || typeof v === "boolean" || (typeof v === "string" && isEncryptedField(v));

/** The path of the first personal value found in clear, or null. */
export function personalValuePath(value: unknown, path = "metadata", depth = 0): string | null {
  if (depth > MAX_DEPTH || value === null || typeof value !== "object") return null;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  for (const [key, v] of entries) {
    const here = `${path}.${key}`;
    const personal = !Array.isArray(value) && isPersonalKey(key);
    if (personal && !harmless(v)) return here;
    const nested = personalValuePath(v, here, depth + 1);
    if (nested) return nested;
  }
  return null;
}

export function assertNoPersonalValues(action: string, metadata: Record<string, unknown> | undefined): void {
  const path = metadata ? personalValuePath(metadata) : null;
  if (path) {
    // Names the key only, never the value (this message may reach a log).
    throw new AuditMetadataError(`audit "${action}": ${path} looks like personal or clinical data; record field names, ids or codes, or seal it with auditChanges()`);
  }
}
