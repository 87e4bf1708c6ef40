import type { Tx } from "@/lib/db/client";
import { openForSubject, sealForSubject, subjectKeyFor, type DataSubject } from "./subject-keys";

// The one place audit metadata is built from a before/after diff. In clear: which fields
// changed (names only) and the id of the subject's data key. The values themselves, for history
// ("who changed the phone, from what"), are one ciphertext under the subject's own key, so that
// shredding that key erases them without touching the hash-chained row. Secret fields (a CPF,
// compared through its blind index) are named as changed and their values never kept at all.

type Value = string | number | boolean | null;
export type ValueChange = { from: Value; to: Value };

/** What `metadata.changes` holds. `values` is absent when nothing is kept (no change, or shredded key). */
export type AuditChanges = {
  changed: string[];
  subjectKeyId?: string;
  values?: string;
};

export type DiffOptions = {
  /** Field → the name to report it under; its values are never kept (e.g. cpfHash → cpf). */
  secret?: Record<string, string>;
  /** Derived or already-sealed fields that are not part of the history (cpfEnc, searchName). */
  ignore?: readonly string[];
};

function plain(value: unknown): Value {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value === undefined) return null;
  return value as Value;
}

/** The fields of `after` whose value differs from `before` (pure; values still in clear). */
export function diffValues(before: Record<string, unknown>, after: Record<string, unknown>, opts: DiffOptions = {}) {
  const kept: Record<string, ValueChange> = {};
  const changed: string[] = [];
  for (const [key, next] of Object.entries(after)) {
    if (opts.ignore?.includes(key)) continue;
    const from = plain(before[key]);
    const to = plain(next);
    if (from === to) continue;
    const secretName = opts.secret?.[key];
    changed.push(secretName ?? key);
    if (!secretName) kept[key] = { from, to };
  }
  return { changed: changed.sort(), kept };
}

/** Field names in clear, values sealed for `subject`: the metadata of an audited change. */
export async function auditChanges(
  tx: Tx, tenantId: string, subject: DataSubject,
  before: Record<string, unknown>, after: Record<string, unknown>, opts: DiffOptions = {},
): Promise<AuditChanges> {
  const { changed, kept } = diffValues(before, after, opts);
  if (Object.keys(kept).length === 0) return { changed };
  const key = await subjectKeyFor(tx, tenantId, subject);
  if (!key) return { changed };
  return { changed, subjectKeyId: key.id, values: sealForSubject(key, tenantId, subject, JSON.stringify(kept)) };
}

/**
 * The before/after values of an audited change, for someone allowed to read the trail; null when
 * none were kept or the subject's key has been shredded (erased history reads as absent).
 */
export async function openAuditChanges(
  tx: Tx, tenantId: string, subject: DataSubject, changes: AuditChanges,
): Promise<Record<string, ValueChange> | null> {
  if (!changes.values) return null;
  const text = await openForSubject(tx, tenantId, subject, changes.values);
  return text === null ? null : (JSON.parse(text) as Record<string, ValueChange>);
}
