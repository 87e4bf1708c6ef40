// The upgrade of a database written by the previous release: audit rows whose metadata held
// registration values in clear, and free text stored in plain columns. After `db:migrate`
// (migrations, then the keyring-backed backfill) the values are gone from the trail, the chain
// verifies again (`audit:verify`), one audited row says what was rewritten and from which old
// head, other clinics' chains are untouched, and the free text is sealed and still readable.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify";
import { openField } from "@/lib/crypto/config";
import { parseKeyring } from "@/lib/crypto/keyring";
import { env } from "@/lib/env";
import { insertRowsForTenant, loadCatalog } from "@/lib/testing/catalog-rows";
import { adminQuery, databaseUrlFor, freshDatabaseName } from "@/lib/testing/test-env";
import { backfillFreeText, validateFreeTextChecks } from "./free-text-backfill";
import { DEFAULT_MIGRATIONS_DIR, migrate } from "./migrations";

// The first migration of the release that brought the change (with the EHR and composite keys,
// which land together): everything before it is the schema clinics ran until then.
const FIRST_NEW = "20261201233800_ehr_records_pk_prep_sql";
const REDACT = "20261201233928_audit_redact_rechain_sql";
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PLAIN = ["Olívia Plaintext Moraes", "11955554444", "1990-02-03", "Rua Antiga"];

let name: string;
let url: string;
let client: pg.Client;
let before: { a: { seq: string; hash: string }[]; b: { seq: string; hash: string }[] };
const ids = { a: "", b: "", appointment: "", allergy: "", waitlist: "" };

const chain = async (tenantId: string) => (await client.query<{ seq: string; hash: string; action: string; metadata: Record<string, unknown> }>(
  "SELECT seq::text, hash, action, metadata FROM audit_logs WHERE tenant_id = $1 ORDER BY seq", [tenantId])).rows;

async function asTenant(tenantId: string, sql: string, params: unknown[] = []) {
  await client.query("BEGIN");
  await client.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
  await client.query(sql, params);
  await client.query("COMMIT");
}

const audit = (tenantId: string, action: string, metadata: object) => asTenant(tenantId,
  "INSERT INTO audit_logs (id, action, entity_type, metadata) VALUES (gen_random_uuid(), $1, 'patient', $2)", [action, JSON.stringify(metadata)]);

async function newTenant(slug: string): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO tenants (id, slug, name, legal_name, cnpj, status, settings, time_zone, updated_at)
     VALUES (gen_random_uuid(), $1, $1, $1, lpad((random() * 1e13)::bigint::text, 14, '0'), 'ACTIVE', '{}', 'America/Sao_Paulo', now()) RETURNING id`, [slug]);
  return rows[0]!.id;
}

function auditVerifyCli(slug: string): Promise<number> {
  return new Promise((resolve) => {
    execFile("npx", ["tsx", "scripts/audit-verify.ts", "--tenant", slug], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url } },
      (error) => resolve(error ? Number(error.code ?? -1) : 0));
  });
}

beforeAll(async () => {
  name = freshDatabaseName("prontivus_upgrade");
  await adminQuery(`CREATE DATABASE ${name}`);
  url = databaseUrlFor(name);
  // The schema as the previous release left it: every migration before this change.
  const old = await mkdtemp(join(tmpdir(), "prontivus-old-migrations-"));
  for (const dir of (await readdir(DEFAULT_MIGRATIONS_DIR)).filter((d) => d < FIRST_NEW)) {
    await cp(join(DEFAULT_MIGRATIONS_DIR, dir), join(old, dir), { recursive: true });
  }
  await migrate(url, { migrationsDir: old, log: () => {} });
  await rm(old, { recursive: true, force: true });
  client = new pg.Client({ connectionString: url });
  await client.connect();

  [ids.a, ids.b] = [await newTenant(`up-a-${name.slice(-6)}`), await newTenant(`up-b-${name.slice(-6)}`)];
  await audit(ids.a, "user.roles_changed", { added: ["doctor"], removed: [] });
  await audit(ids.a, "patient.created", {
    changes: { fullName: { from: null, to: PLAIN[0] }, phone: { from: null, to: PLAIN[1] }, birthDate: { from: null, to: PLAIN[2] }, cpf: { changed: true } },
    emergencyContacts: 0,
  });
  await audit(ids.a, "appointment.booked", { before: null, after: { status: "SCHEDULED" } });
  await audit(ids.a, "patient.updated", { changes: { street: { from: null, to: PLAIN[3] } }, emergencyContacts: { from: 0, to: 0 } });
  await audit(ids.b, "user.roles_changed", { added: ["secretary"], removed: [] });

  const catalog = await loadCatalog(client);
  ids.appointment = (await insertRowsForTenant(client, catalog, ids.a, "appointments")).id as string;
  ids.allergy = (await insertRowsForTenant(client, catalog, ids.a, "patient_allergies")).id as string;
  ids.waitlist = (await insertRowsForTenant(client, catalog, ids.a, "waitlist_entries")).id as string;
  await asTenant(ids.a, "UPDATE appointments SET reason = 'Dor lombar antiga', cancellation_reason = 'Viajou' WHERE id = $1", [ids.appointment]);
  await asTenant(ids.a, "UPDATE patient_allergies SET reaction = 'Urticária antiga' WHERE id = $1", [ids.allergy]);
  await asTenant(ids.a, "UPDATE waitlist_entries SET notes = 'Prefere manhãs' WHERE id = $1", [ids.waitlist]);

  expect(await verifyAuditChain(client, ids.a)).toEqual({ rows: 4, firstBreak: null });
  before = { a: await chain(ids.a), b: await chain(ids.b) };
  await migrate(url, { log: () => {} }); // the rest: this release's migrations
}, 120_000);

afterAll(async () => {
  await client?.end();
  if (name) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

describe("the audit redaction migration", () => {
  it("removes the values, keeps the field names and re-chains so that audit:verify holds", async () => {
    const rows = await chain(ids.a);
    const text = JSON.stringify(rows);
    for (const value of PLAIN) expect(text).not.toContain(value);
    expect(rows[1]!.metadata).toEqual({ changed: ["birthDate", "cpf", "fullName", "phone"], emergencyContacts: 0, redacted: "20261201233928_audit_redact_rechain" });
    expect(rows[3]!.metadata).toMatchObject({ changed: ["street"], emergencyContacts: { from: 0, to: 0 } });
    // Rows before the first rewritten one keep their hash; from there on every hash is new.
    expect(rows[0]!.hash).toBe(before.a[0]!.hash);
    expect(rows.slice(1, 4).map((r) => r.hash)).not.toEqual(before.a.slice(1, 4).map((r) => r.hash));
    expect(await verifyAuditChain(client, ids.a)).toEqual({ rows: 5, firstBreak: null });
    expect(await auditVerifyCli(`up-a-${name.slice(-6)}`)).toBe(0);
  });

  it("leaves one audited row naming the rewrite and the old head, and no other clinic touched", async () => {
    const last = (await chain(ids.a)).at(-1)!;
    expect(last).toMatchObject({
      seq: "5", action: "audit.chain_rewritten",
      metadata: { migration: "20261201233928_audit_redact_rechain", fromSeq: 2, rowsRedacted: 2, rowsRehashed: 3, previousHeadSeq: 4, previousHeadHash: before.a[3]!.hash },
    });
    expect((await chain(ids.b)).map((r) => r.hash)).toEqual(before.b.map((r) => r.hash));
    expect(await verifyAuditChain(client, ids.b)).toEqual({ rows: 1, firstBreak: null });
  });

  it("does nothing when run again", async () => {
    await client.query(await readFile(join(DEFAULT_MIGRATIONS_DIR, REDACT, "migration.sql"), "utf8"));
    expect(await chain(ids.a)).toHaveLength(5);
    expect(await verifyAuditChain(client, ids.a)).toEqual({ rows: 5, firstBreak: null });
  });
});

describe("the free-text backfill", () => {
  it("refuses new plain text at once, seals the old, then lets the database prove it", async () => {
    const plainInsert = asTenant(ids.a, "UPDATE waitlist_entries SET notes = 'de novo' WHERE id = $1", [ids.waitlist]);
    await expect(plainInsert).rejects.toMatchObject({ code: "23514" });
    await client.query("ROLLBACK");
    expect(await validateFreeTextChecks(client)).toEqual(["appointments", "patient_allergies", "waitlist_entries"]);

    const keyring = parseKeyring(env().FIELD_ENCRYPTION_KEYS, "v1");
    expect(await backfillFreeText(client, keyring)).toEqual({ appointments: 1, patient_allergies: 1, waitlist_entries: 1 });
    const { rows: [a] } = await client.query("SELECT reason, cancellation_reason, reason_enc, cancellation_reason_enc FROM appointments WHERE id = $1", [ids.appointment]);
    expect(a).toMatchObject({ reason: null, cancellation_reason: null });
    expect(openField(ids.a, "appointments.reason", a.reason_enc)).toBe("Dor lombar antiga");
    expect(openField(ids.a, "appointments.cancellation_reason", a.cancellation_reason_enc)).toBe("Viajou");
    const { rows: [al] } = await client.query("SELECT reaction, reaction_enc FROM patient_allergies WHERE id = $1", [ids.allergy]);
    expect([al.reaction, openField(ids.a, "patient_allergies.reaction", al.reaction_enc)]).toEqual([null, "Urticária antiga"]);
    const { rows: [w] } = await client.query("SELECT notes, notes_enc FROM waitlist_entries WHERE id = $1", [ids.waitlist]);
    expect([w.notes, openField(ids.a, "waitlist_entries.notes", w.notes_enc)]).toEqual([null, "Prefere manhãs"]);

    const { rows: checks } = await client.query("SELECT conname, convalidated FROM pg_constraint WHERE conname LIKE '%free_text_sealed' ORDER BY conname");
    expect(checks.every((r) => r.convalidated)).toBe(true);
    expect(await validateFreeTextChecks(client)).toEqual([]);
    expect(await backfillFreeText(client, keyring)).toEqual({ appointments: 0, patient_allergies: 0, waitlist_entries: 0 });
  });
});
