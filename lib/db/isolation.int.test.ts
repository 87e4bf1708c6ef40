// Tenant isolation, proven at the database: the catalog says every tenant table is under RLS,
// and every tenant table (discovered from the catalog, so a new one is covered the day it is
// created) refuses to show, change, remove or forge another tenant's rows to the app role.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { hasTenantColumn, insertRowsForTenant, loadCatalog } from "@/lib/testing/catalog-rows";
import {
  asApp, asOwner, closeOwnerPool, createPatient, createPlatformUser, createTenant, createUser, scopeFor, type TestTenant, withOwnerClient,
} from "@/lib/testing/factories";

const APPEND_ONLY = [
  "audit_logs", "security_events", "data_access_logs", "login_attempts", "audit_log_archives",
  "platform_audit_logs", "platform_security_events", "platform_login_attempts",
];
const PLATFORM_TABLES = ["platform_users", "platform_login_attempts", "platform_security_events", "platform_audit_logs"];

const catalog = await withOwnerClient((c) => loadCatalog(c));
const tenantTables = [...catalog.values()].filter(hasTenantColumn).map((t) => t.name).sort();
const privileges = new Map(
  (await asOwner<{ t: string; upd: boolean; del: boolean }>(
    `SELECT t, has_table_privilege('prontivus_app', t, 'UPDATE') AS upd,
            has_table_privilege('prontivus_app', t, 'DELETE') AS del FROM unnest($1::text[]) AS t`,
    [tenantTables],
  )).map((r) => [r.t, { update: r.upd, delete: r.del }]),
);

type Outcome = { rowCount: number } | { error: { code?: string; message: string } };

/** Runs one statement under a savepoint, so a refusal does not abort the test's transaction. */
async function attempt(c: pg.ClientBase, sql: string, params: unknown[] = []): Promise<Outcome> {
  await c.query("SAVEPOINT attempt");
  try {
    const result = await c.query(sql, params);
    await c.query("RELEASE SAVEPOINT attempt");
    return { rowCount: result.rowCount ?? 0 };
  } catch (error) {
    await c.query("ROLLBACK TO SAVEPOINT attempt");
    const e = error as { code?: string; message: string };
    return { error: { code: e.code, message: e.message } };
  }
}

const denied = { error: { code: "42501", message: expect.stringContaining("permission denied") } };
const refusedByPolicy = { error: { code: "42501", message: expect.stringContaining("row-level security") } };

const q = (name: string) => `"${name}"`;
const count = async (c: pg.ClientBase, table: string) =>
  Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${q(table)}`)).rows[0]!.n);
const setTenant = (c: pg.ClientBase, id: string) => c.query("SELECT set_config('app.tenant_id', $1, true)", [id]);

afterAll(async () => {
  await Promise.all([closeOwnerPool(), disconnectDb()]);
});

describe("the catalog", () => {
  it("finds the tenant tables (so the per-table tests below are not vacuous)", () => {
    expect(tenantTables).toEqual(expect.arrayContaining(["patients", "appointments", "medical_records", "audit_logs", "users"]));
    expect(tenantTables.length).toBeGreaterThanOrEqual(30);
  });

  it("every table with tenant_id has RLS enabled and forced and a policy on app.tenant_id", async () => {
    const rows = await asOwner<{ table: string; enabled: boolean; forced: boolean; scoped: number; loose: string[] }>(`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
             (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname
                AND p.qual LIKE '%app.tenant_id%' AND coalesce(p.with_check, p.qual) LIKE '%app.tenant_id%') AS scoped,
             array(SELECT p.policyname::text FROM pg_policies p WHERE p.schemaname = 'public'
                AND p.tablename = c.relname AND p.permissive = 'PERMISSIVE'
                AND coalesce(p.qual, '') NOT LIKE '%app.tenant_id%') AS loose
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`);
    const problems = rows.flatMap((r) => [
      ...(r.enabled ? [] : [`${r.table}: row-level security not enabled`]),
      ...(r.forced ? [] : [`${r.table}: row-level security not forced`]),
      ...(r.scoped > 0 ? [] : [`${r.table}: no policy on app.tenant_id`]),
      // Permissive policies are OR-ed: one that ignores the tenant opens the table.
      ...r.loose.map((p) => `${r.table}: permissive policy ${p} ignores app.tenant_id`),
    ]);
    expect(problems).toEqual([]);
    expect(rows.map((r) => r.table).sort()).toEqual(tenantTables);
  });

  it("no view or materialized view exposes tenant rows past RLS", async () => {
    const rows = await asOwner<{ name: string }>(`
      SELECT c.relname AS name FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
       WHERE n.nspname = 'public' AND (c.relkind = 'm'
          OR (c.relkind = 'v' AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false)))`);
    expect(rows.map((r) => r.name)).toEqual([]);
  });

  it("prontivus_app is not superuser, cannot bypass RLS, owns nothing and belongs to no role", async () => {
    const [role] = await asOwner<{ rolsuper: boolean; rolbypassrls: boolean; owned: number; memberships: number }>(`
      SELECT r.rolsuper, r.rolbypassrls,
             (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned,
             (SELECT count(*)::int FROM pg_auth_members m WHERE m.member = r.oid) AS memberships
        FROM pg_roles r WHERE r.rolname = 'prontivus_app'`);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0, memberships: 0 });
  });

  it("prontivus_app cannot UPDATE, DELETE or TRUNCATE the append-only logs", async () => {
    const rows = await asOwner<{ t: string; upd: boolean; del: boolean; trunc: boolean; ins: boolean }>(
      `SELECT t, has_table_privilege('prontivus_app', t, 'UPDATE') AS upd,
              has_table_privilege('prontivus_app', t, 'DELETE') AS del,
              has_table_privilege('prontivus_app', t, 'TRUNCATE') AS trunc,
              has_table_privilege('prontivus_app', t, 'INSERT') AS ins
         FROM unnest($1::text[]) AS t`,
      [APPEND_ONLY],
    );
    expect(rows).toEqual(APPEND_ONLY.map((t) => ({ t, upd: false, del: false, trunc: false, ins: true })));
  });
});

describe("every tenant table, as the app role", () => {
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    [a, b] = await Promise.all([createTenant(), createTenant()]);
  });

  it.each(tenantTables)("%s: another tenant's rows cannot be seen, changed, removed or forged", async (table) => {
    const rowOfB = await withOwnerClient((c) => insertRowsForTenant(c, catalog, b.id, table));
    expect(rowOfB.tenant_id).toBe(b.id);
    const granted = privileges.get(table)!;

    await asApp(async (app) => {
      // No setting at all: fail closed.
      expect(await count(app, table)).toBe(0);

      // B sees its own row, so the refusals below are not vacuous; B cannot push it to A.
      await app.query("BEGIN");
      await setTenant(app, b.id);
      expect(await count(app, table)).toBeGreaterThan(0);
      const moved = await attempt(app, `UPDATE ${q(table)} SET tenant_id = $1`, [a.id]);
      expect(moved).toMatchObject(granted.update ? refusedByPolicy : denied);
      await app.query("ROLLBACK");

      // After a transaction-local setting the connection holds '' (not NULL): still nothing.
      expect(await count(app, table)).toBe(0);

      await app.query("BEGIN");
      await setTenant(app, a.id);
      expect(await count(app, table)).toBe(0);
      const updated = await attempt(app, `UPDATE ${q(table)} SET tenant_id = tenant_id`);
      expect(updated).toMatchObject(granted.update ? { rowCount: 0 } : denied);
      const deleted = await attempt(app, `DELETE FROM ${q(table)}`);
      expect(deleted).toMatchObject(granted.delete ? { rowCount: 0 } : denied);
      const forged = await attempt(
        app,
        `INSERT INTO ${q(table)} SELECT * FROM json_populate_record(NULL::${q(table)}, $1::json)`,
        [JSON.stringify(rowOfB)],
      );
      expect(forged).toMatchObject(refusedByPolicy);
      await app.query("ROLLBACK");
    });

    const [still] = await asOwner<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${q(table)} WHERE tenant_id = $1`, [b.id]);
    expect(still!.n).toBeGreaterThan(0);
  });
});

describe("the platform tables, as the app role", () => {
  it("are under forced RLS with a policy on app.platform, like the tenant tables on app.tenant_id", async () => {
    const rows = await asOwner<{ table: string; enabled: boolean; forced: boolean; policies: string[] }>(`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
             array(SELECT p.policyname::text FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname
                      AND p.qual LIKE '%app.platform%' AND p.with_check LIKE '%app.platform%') AS policies
        FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY ($1) ORDER BY 1`, [PLATFORM_TABLES]);
    expect(rows).toEqual([...PLATFORM_TABLES].sort().map((table) => ({ table, enabled: true, forced: true, policies: ["platform_only"] })));
  });

  it("show super admins only in platform mode, never to a clinic's transaction; the app cannot create one or change who they are", async () => {
    const root = await createPlatformUser();
    const clinic = await createTenant();
    const seen = (c: pg.ClientBase) => c.query("SELECT id FROM platform_users WHERE id = $1", [root.id]).then((r) => r.rowCount);
    await asApp(async (app) => {
      expect(await seen(app)).toBe(0);
      await app.query("BEGIN");
      await setTenant(app, clinic.id);
      expect(await seen(app)).toBe(0);
      // Platform mode switched on inside a clinic's transaction still shows nothing.
      await app.query("SELECT set_config('app.platform', 'on', true)");
      expect(await seen(app)).toBe(0);
      await app.query("ROLLBACK");

      await app.query("BEGIN");
      await app.query("SELECT set_config('app.platform', 'on', true)");
      expect(await seen(app)).toBe(1);
      expect(await attempt(app, "UPDATE platform_users SET failed_login_count = failed_login_count WHERE id = $1", [root.id])).toEqual({ rowCount: 1 });
      for (const column of ["email", "password_hash", "status", "name"]) {
        expect(await attempt(app, `UPDATE platform_users SET ${column} = ${column} WHERE id = $1`, [root.id]), column).toMatchObject(denied);
      }
      const forged = await attempt(app, `INSERT INTO platform_users (id, email, name, status, updated_at)
        VALUES (gen_random_uuid(), 'intruso@platform.test', 'Intruso', 'ACTIVE', now())`);
      expect(forged).toMatchObject(denied);
      await app.query("ROLLBACK");
    });
  });

  it("keep the two kinds of row apart: platform mode cannot write a tenant row without a clinic, a clinic cannot write a platform row", async () => {
    const clinic = await createTenant();
    await asApp(async (app) => {
      await app.query("BEGIN");
      await app.query("SELECT set_config('app.platform', 'on', true)");
      const orphan = await attempt(app, "INSERT INTO security_events (id, type, severity) VALUES (gen_random_uuid(), 'LOGIN_FAILED', 'LOW')");
      expect(orphan).toMatchObject(refusedByPolicy);
      await setTenant(app, clinic.id);
      const platformRow = await attempt(app, "INSERT INTO platform_security_events (id, type, severity) VALUES (gen_random_uuid(), 'LOGIN_FAILED', 'LOW')");
      expect(platformRow).toMatchObject(refusedByPolicy);
      await app.query("ROLLBACK");
    });
  });
});

describe("through Prisma, inside withTenant", () => {
  it("tenant A's findMany, updateMany and deleteMany on Patient never reach B's patients", async () => {
    const [a, b] = await Promise.all([createTenant(), createTenant()]);
    const [mine, theirs] = await Promise.all([createPatient(a), createPatient(b)]);
    const before = await asOwner("SELECT * FROM patients WHERE id = $1", [theirs.id]);

    const seen = await withTenant(scopeFor(a), async (tx) => ({
      all: (await tx.patient.findMany({ select: { id: true } })).map((p) => p.id),
      byId: await tx.patient.findMany({ where: { id: theirs.id } }),
      unique: await tx.patient.findUnique({ where: { tenantId_id: { tenantId: b.id, id: theirs.id } } }),
      updated: (await tx.patient.updateMany({ where: { id: theirs.id }, data: { fullName: "Invasor" } })).count,
      updatedAll: (await tx.patient.updateMany({ where: { status: "ACTIVE" }, data: { phone: "11999990000" } })).count,
    }));
    expect(seen).toEqual({ all: [mine.id], byId: [], unique: null, updated: 0, updatedAll: 1 });

    // Patients are never hard-deleted: the app role has no DELETE on the table at all.
    await expect(withTenant(scopeFor(a), (tx) => tx.patient.deleteMany({ where: { id: theirs.id } })))
      .rejects.toThrow("permission denied for table patients");
    // Another tenant's id is simply "not found" (404, never 403).
    await expect(withTenant(scopeFor(a), (tx) => tx.patient.update({ where: { tenantId_id: { tenantId: b.id, id: theirs.id } }, data: { fullName: "x" } })))
      .rejects.toMatchObject({ code: "P2025" });

    expect(await asOwner("SELECT * FROM patients WHERE id = $1", [theirs.id])).toEqual(before);
  });

  it("an appointment in A cannot point at B's patient (composite tenant foreign key)", async () => {
    const [a, b] = await Promise.all([createTenant(), createTenant()]);
    const [doctor, mine, theirs] = await Promise.all([
      createUser(a, { roles: ["doctor"] }), createPatient(a), createPatient(b),
    ]);
    const slot = (hour: number) => ({
      doctorId: doctor.id,
      startsAt: new Date(Date.UTC(2031, 2, 3, hour)),
      endsAt: new Date(Date.UTC(2031, 2, 3, hour, 30)),
    });

    const ok = await withTenant(scopeFor(a), (tx) =>
      tx.appointment.create({ data: { ...slot(12), patientId: mine.id }, select: { tenantId: true } }));
    expect(ok.tenantId).toBe(a.id);

    await expect(withTenant(scopeFor(a), (tx) =>
      tx.appointment.create({ data: { ...slot(14), patientId: theirs.id }, select: { id: true } })))
      .rejects.toMatchObject({ code: "P2003", message: expect.stringContaining("appointments_tenant_id_patient_id_fkey") });
    const rows = await asOwner<{ n: number }>(
      "SELECT count(*)::int AS n FROM appointments WHERE patient_id = $1", [theirs.id]);
    expect(rows[0]!.n).toBe(0);
  });
});
