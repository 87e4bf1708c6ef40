import { randomBytes } from "node:crypto";
import { openField, sealField } from "@/lib/crypto/config";
import { decryptField, encryptField, FieldDecryptionError } from "@/lib/crypto/field-encryption";
import { createKeyring, KEY_BYTES, type Keyring } from "@/lib/crypto/keyring";
import type { Tx } from "@/lib/db/client";
import type { DataSubjectType } from "@/lib/generated/prisma/enums";
import type { AuditEntry } from "./record";

// Per-subject data keys (crypto-shredding). Values the audit trail must keep for history are
// encrypted under a random key that belongs to one patient or user, itself sealed under the field
// keyring. Audit rows are immutable and hash-chained, so they can never be edited to forget a
// person; erasing the person's key instead makes every value sealed under it unreadable, while the
// rows (ciphertext included) and their hashes stay exactly as written.

export type DataSubject = { type: DataSubjectType; id: string };

export type SubjectKey = { id: string; keyring: Keyring };

/** The data key's id without dashes (32 hex characters) is the key id inside each envelope. */
const envelopeKeyId = (keyId: string) => keyId.replaceAll("-", "");

const keyColumn = (s: DataSubject) => `data_subject_keys.key_enc:${s.type}:${s.id}`;

/** AAD of values sealed for a subject: a ciphertext moved to another clinic or person fails. */
export const subjectAad = (tenantId: string, s: DataSubject) => `${tenantId}:audit_logs.metadata:${s.type}:${s.id}`;

function keyringOf(tenantId: string, subject: DataSubject, row: { id: string; keyEnc: string }): SubjectKey {
  const key = Buffer.from(openField(tenantId, keyColumn(subject), row.keyEnc), "base64");
  const id = envelopeKeyId(row.id);
  return { id: row.id, keyring: createKeyring(new Map([[id, key]]), id) };
}

/**
 * The subject's live key, created on first use. Null once the key was shredded: nothing more is
 * kept about a person whose history was erased (the caller records field names only).
 */
export async function subjectKeyFor(tx: Tx, tenantId: string, subject: DataSubject): Promise<SubjectKey | null> {
  const where = { tenantId_subjectType_subjectId: { tenantId, subjectType: subject.type, subjectId: subject.id } };
  const found = await tx.dataSubjectKey.findUnique({ where, select: { id: true, keyEnc: true } });
  if (found) return found.keyEnc ? keyringOf(tenantId, subject, { id: found.id, keyEnc: found.keyEnc }) : null;
  const keyEnc = sealField(tenantId, keyColumn(subject), randomBytes(KEY_BYTES).toString("base64"));
  // A concurrent first use of the same subject in this clinic: the unique key lets one win.
  await tx.dataSubjectKey.createMany({ data: [{ subjectType: subject.type, subjectId: subject.id, keyEnc }], skipDuplicates: true });
  const row = await tx.dataSubjectKey.findUniqueOrThrow({ where, select: { id: true, keyEnc: true } });
  return row.keyEnc ? keyringOf(tenantId, subject, { id: row.id, keyEnc: row.keyEnc }) : null;
}

export function sealForSubject(key: SubjectKey, tenantId: string, subject: DataSubject, plaintext: string): string {
  return encryptField(key.keyring, plaintext, subjectAad(tenantId, subject));
}

/**
 * Opens a value sealed for the subject, or null when the subject's key was shredded (or the
 * value does not belong to this subject): erased history reads as absent, never as an error.
 */
export async function openForSubject(tx: Tx, tenantId: string, subject: DataSubject, sealed: string): Promise<string | null> {
  const row = await tx.dataSubjectKey.findUnique({
    where: { tenantId_subjectType_subjectId: { tenantId, subjectType: subject.type, subjectId: subject.id } },
    select: { id: true, keyEnc: true },
  });
  if (!row?.keyEnc) return null;
  try {
    return decryptField(keyringOf(tenantId, subject, { id: row.id, keyEnc: row.keyEnc }).keyring, sealed, subjectAad(tenantId, subject));
  } catch (error) {
    if (error instanceof FieldDecryptionError) return null;
    throw error;
  }
}

/**
 * Crypto-shredding for LGPD erasure: the subject's key is erased (the database refuses to bring
 * it back), so every before/after value the audit trail sealed for them is unreadable from now
 * on, while the audit rows and the hash chain are untouched. Returns the audit entry for the
 * caller to write last (docs/architecture.md, "Audit last"); null if there was no live key.
 * Backups taken before keep the key until they expire: the erasure is complete when they have.
 */
export async function shredSubjectKey(tx: Tx, subject: DataSubject): Promise<AuditEntry | null> {
  const { count } = await tx.dataSubjectKey.updateMany({
    where: { subjectType: subject.type, subjectId: subject.id, keyEnc: { not: null } },
    data: { keyEnc: null, shreddedAt: new Date() },
  });
  if (count === 0) return null;
  return { action: "data_subject.key_shredded", entityType: subject.type.toLowerCase(), entityId: subject.id, riskScore: 50 };
}
