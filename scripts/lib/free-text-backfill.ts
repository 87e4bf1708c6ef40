// Seals the free text written before it was encrypted at rest (appointment reasons, allergic
// reactions, waitlist notes: lib/crypto/free-text.ts) and empties the plain columns. The keyring
// lives in the application's environment, not in the database, so this cannot be a SQL
// migration: `npm run db:migrate` runs it right after the migrations. Idempotent (a second run
// finds nothing), batched, per clinic (the owner may be subject to FORCE'd row-level security).
// At the end it VALIDATEs the CHECKs that keep the plain columns empty (added NOT VALID by
// 20261201233927_audit_subject_keys_free_text_enc_sql), so the database then proves it.
import type pg from "pg";
import { encryptField } from "../../lib/crypto/field-encryption";
import type { Keyring } from "../../lib/crypto/keyring";

type Target = { table: string; constraint: string; columns: { plain: string; sealed: string }[] };

export const FREE_TEXT_TARGETS: readonly Target[] = [
  {
    table: "appointments", constraint: "appointments_free_text_sealed", columns: [
      { plain: "reason", sealed: "reason_enc" },
      { plain: "encaixe_reason", sealed: "encaixe_reason_enc" },
      { plain: "cancellation_reason", sealed: "cancellation_reason_enc" },
    ],
  },
  { table: "patient_allergies", constraint: "patient_allergies_free_text_sealed", columns: [{ plain: "reaction", sealed: "reaction_enc" }] },
  { table: "waitlist_entries", constraint: "waitlist_entries_free_text_sealed", columns: [{ plain: "notes", sealed: "notes_enc" }] },
];

const BATCH = 500;

async function backfillTenant(client: pg.ClientBase, keyring: Keyring, tenantId: string, t: Target): Promise<number> {
  const anyPlain = t.columns.map((c) => `${c.plain} IS NOT NULL`).join(" OR ");
  const list = t.columns.flatMap((c) => [c.plain, c.sealed]).join(", ");
  let done = 0;
  for (;;) {
    await client.query("BEGIN");
    await client.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
    const { rows } = await client.query<Record<string, string | null>>(
      `SELECT id, ${list} FROM ${t.table} WHERE tenant_id = $1 AND (${anyPlain}) LIMIT ${BATCH} FOR UPDATE`, [tenantId]);
    for (const row of rows) {
      // AAD `<tenant>:<table.column>`, exactly as sealField does (lib/crypto/config.ts).
      const sealed = t.columns.map((c) => row[c.sealed] ?? (row[c.plain] ? encryptField(keyring, row[c.plain]!, `${tenantId}:${t.table}.${c.plain}`) : null));
      const sets = t.columns.map((c, i) => `${c.sealed} = $${i + 3}, ${c.plain} = NULL`).join(", ");
      await client.query(`UPDATE ${t.table} SET ${sets} WHERE tenant_id = $1 AND id = $2`, [tenantId, row.id, ...sealed]);
    }
    await client.query("COMMIT");
    done += rows.length;
    if (rows.length < BATCH) return done;
  }
}

/** Returns how many rows of each table it sealed. */
export async function backfillFreeText(client: pg.ClientBase, keyring: Keyring): Promise<Record<string, number>> {
  const { rows: tenants } = await client.query<{ id: string }>("SELECT id FROM tenants ORDER BY id");
  const counts: Record<string, number> = {};
  for (const t of FREE_TEXT_TARGETS) {
    counts[t.table] = 0;
    for (const { id } of tenants) counts[t.table]! += await backfillTenant(client, keyring, id, t);
    const { rows } = await client.query("SELECT 1 FROM pg_constraint WHERE conname = $1 AND NOT convalidated", [t.constraint]);
    if (rows.length > 0) await client.query(`ALTER TABLE ${t.table} VALIDATE CONSTRAINT ${t.constraint}`);
  }
  return counts;
}

/**
 * VALIDATEs the CHECKs that are not yet validated and returns the tables where that failed
 * because plain text remains (the backfill has to run there; it needs the keyring).
 */
export async function validateFreeTextChecks(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ conname: string }>(
    "SELECT conname FROM pg_constraint WHERE conname = ANY($1) AND NOT convalidated", [FREE_TEXT_TARGETS.map((t) => t.constraint)]);
  const failed: string[] = [];
  for (const t of FREE_TEXT_TARGETS.filter((x) => rows.some((r) => r.conname === x.constraint))) {
    try {
      await client.query(`ALTER TABLE ${t.table} VALIDATE CONSTRAINT ${t.constraint}`);
    } catch (error) {
      if ((error as { code?: string }).code !== "23514") throw error;
      failed.push(t.table);
    }
  }
  return failed;
}
