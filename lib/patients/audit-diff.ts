// Before/after of a registration change for audit_logs.metadata. Values are kept for the
// registration fields a clinic needs to reconstruct ("who changed the phone, from what"), but
// never a document's plaintext: the CPF, encrypted at rest, appears only as "changed" (compared
// through its blind index, since each encryption of the same CPF differs).

type Value = string | number | boolean | null;
export type FieldChange = { from: Value; to: Value } | { changed: true };
export type Changes = Record<string, FieldChange>;

const SECRET_FIELDS = new Set(["cpfHash"]);

function plain(value: unknown): Value {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value === undefined) return null;
  return value as Value;
}

/** Fields of `after` whose value differs from `before`; secret ones marked, never shown. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): Changes {
  const changes: Changes = {};
  for (const [key, next] of Object.entries(after)) {
    if (key === "cpfEnc" || key === "searchName") continue;
    const from = plain(before[key]);
    const to = plain(next);
    if (from === to) continue;
    if (SECRET_FIELDS.has(key)) changes.cpf = { changed: true };
    else changes[key] = { from, to };
  }
  return changes;
}
