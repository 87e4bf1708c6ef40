// Crypto-shredding: a patient's registration history is kept in the audit trail only sealed
// under that patient's own data key. Shredding the key makes it unreadable for good (the
// database refuses to bring a key back), while every audit row stays as written and the hash
// chain, checked by the same `npm run audit:verify` an operator runs, still holds.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCpf, generateCpf } from "@/lib/br/documents";
import type { Context } from "@/lib/context";
import { disconnectDb } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { env } from "@/lib/env";
import { createPatient, updatePatient } from "@/lib/patients/mutations";
import {
  asApp, asOwner, closeOwnerPool, createTenant, createUser, ensureRoles, scopeFor, type TestTenant, withOwnerClient,
} from "@/lib/testing/factories";
import { openAuditChanges, type AuditChanges } from "./changes";
import { recordAudit } from "./record";
import { shredSubjectKey, subjectKeyFor } from "./subject-keys";
import { verifyAuditChain } from "./verify";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let clinic: TestTenant;
let other: TestTenant;
let desk: Context;

const form = (over: Record<string, unknown> = {}) => ({
  fullName: "Marcela Quintino Araújo", cpf: formatCpf(generateCpf()), birthDate: "12/08/1979", sex: "FEMALE",
  phone: "(31) 99711-2233", email: "marcela@example.test", cep: "30130-010", street: "Rua da Bahia", number: "77",
  city: "Belo Horizonte", uf: "MG", emergencyContacts: [],
  communication: { email: false, sms: false, whatsapp: false }, ...over,
});

const changesOf = async (patientId: string) => (await asOwner<{ action: string; metadata: { changes: AuditChanges } }>(
  "SELECT action, metadata FROM audit_logs WHERE entity_id = $1 AND action LIKE 'patient.%' ORDER BY seq", [patientId]));

function auditVerifyCli(slug: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile("npx", ["tsx", "scripts/audit-verify.ts", "--tenant", slug], { cwd: ROOT, env: { ...process.env, DATABASE_URL: env().DATABASE_URL } },
      (error, stdout) => resolve({ code: error ? Number(error.code ?? -1) : 0, stdout }));
  });
}

beforeAll(async () => {
  await ensureRoles();
  [clinic, other] = await Promise.all([createTenant(), createTenant()]);
  desk = scopeFor(clinic, await createUser(clinic, { roles: ["secretary"] }), ["secretary"]);
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

describe("a patient's history under their own key", () => {
  it("keeps values readable with the key, none in clear, one key per patient", async () => {
    const first = form();
    const { id } = await createPatient(desk, first);
    await updatePatient(desk, id, { ...first, phone: "(31) 3222-1100" });
    const rows = await changesOf(id);
    expect(rows.map((r) => r.action)).toEqual(["patient.created", "patient.updated"]);
    expect(JSON.stringify(rows)).not.toMatch(/Marcela|99711|Bahia|1979/);
    const keyIds = new Set(rows.map((r) => r.metadata.changes.subjectKeyId));
    expect(keyIds.size).toBe(1);
    const keys = await asOwner<{ id: string; key_enc: string }>("SELECT id, key_enc FROM data_subject_keys WHERE subject_id = $1", [id]);
    expect(keys).toEqual([{ id: [...keyIds][0], key_enc: expect.stringMatching(/^enc:v1:/) }]);
    const update = await withTenant(desk, (tx) => openAuditChanges(tx, desk.tenantId, { type: "PATIENT", id }, rows[1]!.metadata.changes));
    expect(update).toEqual({ phone: { from: "31997112233", to: "3132221100" } });
  });

  it("does not open for another patient or another clinic (the ciphertext is bound to its subject)", async () => {
    const [{ id: a }, { id: b }] = [await createPatient(desk, form()), await createPatient(desk, form())];
    const sealedForA = (await changesOf(a))[0]!.metadata.changes;
    await withTenant(desk, (tx) => subjectKeyFor(tx, desk.tenantId, { type: "PATIENT", id: b }));
    expect(await withTenant(desk, (tx) => openAuditChanges(tx, desk.tenantId, { type: "PATIENT", id: b }, sealedForA))).toBeNull();
    // Another clinic's transaction does not even see the key row (row-level security).
    const outsider = scopeFor(other);
    expect(await withTenant(outsider, (tx) => tx.dataSubjectKey.findMany({ where: { subjectId: a } }))).toEqual([]);
  });
});

describe("shredding", () => {
  it("makes the history unreadable while the rows and the chain stay intact", async () => {
    const first = form();
    const { id } = await createPatient(desk, first);
    await updatePatient(desk, id, { ...first, fullName: "Marcela Q. Araújo" });
    const before = await asOwner<{ hash: string; metadata: unknown }>("SELECT hash, metadata FROM audit_logs WHERE entity_id = $1 ORDER BY seq", [id]);
    const subject = { type: "PATIENT" as const, id };

    await withTenant(desk, async (tx) => {
      const entry = await shredSubjectKey(tx, subject);
      expect(entry).toMatchObject({ action: "data_subject.key_shredded", entityId: id });
      await recordAudit(tx, desk, entry!);
    });

    const after = await asOwner<{ hash: string; metadata: unknown }>("SELECT hash, metadata FROM audit_logs WHERE entity_id = $1 AND action LIKE 'patient.%' ORDER BY seq", [id]);
    expect(after).toEqual(before);
    for (const row of await changesOf(id)) {
      expect(await withTenant(desk, (tx) => openAuditChanges(tx, desk.tenantId, subject, row.metadata.changes))).toBeNull();
    }
    expect(await asOwner("SELECT key_enc, shredded_at IS NOT NULL AS shredded FROM data_subject_keys WHERE subject_id = $1", [id]))
      .toEqual([{ key_enc: null, shredded: true }]);
    // Nothing new is kept about an erased subject: later changes name their fields only.
    expect(await withTenant(desk, (tx) => subjectKeyFor(tx, desk.tenantId, subject))).toBeNull();
    await updatePatient(desk, id, { ...first, fullName: "Anônimo" });
    expect((await changesOf(id)).at(-1)!.metadata.changes).toEqual({ changed: ["fullName"] });
    // A second shred has nothing to do.
    expect(await withTenant(desk, (tx) => shredSubjectKey(tx, subject))).toBeNull();

    expect(await withOwnerClient((c) => verifyAuditChain(c, clinic.id))).toMatchObject({ firstBreak: null });
    const cli = await auditVerifyCli(clinic.slug);
    expect(cli.code).toBe(0);
  });

  it("cannot be undone, not even by the app role writing the column directly", async () => {
    const { id } = await createPatient(desk, form());
    await withTenant(desk, (tx) => shredSubjectKey(tx, { type: "PATIENT", id }));
    const attempt = asApp(async (c) => {
      await c.query("BEGIN");
      await c.query("SELECT set_config('app.tenant_id', $1, true)", [clinic.id]);
      await c.query("UPDATE data_subject_keys SET key_enc = 'enc:v1:x:y:z:w', shredded_at = NULL WHERE subject_id = $1", [id]);
    });
    await expect(attempt).rejects.toThrow(/shredded and cannot be restored/);
    // And the app role may not delete key rows (a deleted row would let a new key silently replace it).
    const deletion = asApp(async (c) => {
      await c.query("BEGIN");
      await c.query("SELECT set_config('app.tenant_id', $1, true)", [clinic.id]);
      await c.query("DELETE FROM data_subject_keys WHERE subject_id = $1", [id]);
    });
    await expect(deletion).rejects.toThrow(/permission denied/);
  });
});
