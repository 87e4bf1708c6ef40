// The upgrade of a database whose super admins still live in the tenant tables (tenant_id NULL):
// built at the migration before the split, given a super admin with TOTP, one without the role,
// their sign-in attempts, security events and audit rows (a platform chain of three) next to a
// clinic with its own chain; then the rest of the migrations. Afterwards the platform rows are in
// platform_*, same ids, the platform chain verifies unchanged (library and `audit:verify
// --platform`) and continues from its old head, the clinic's rows and chain are untouched, no
// tenant table holds a NULL tenant_id any more, and tampering with the moved chain is caught.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOTP_SECRET_COLUMN } from "@/lib/auth/two-factor";
import { PLATFORM_REALM } from "@/lib/auth/two-factor-challenge";
import { verifyAuditChain, verifyPlatformAuditChain } from "@/lib/audit/verify";
import { openField, sealField } from "@/lib/crypto/config";
import { adminQuery, databaseUrlFor, freshDatabaseName } from "@/lib/testing/test-env";
import { DEFAULT_MIGRATIONS_DIR, migrate } from "./migrations";

const FIRST_NEW = "20261202100000_platform_accounts";
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FIVE = ["users", "user_roles", "login_attempts", "security_events", "audit_logs"];

let name: string;
let url: string;
let client: pg.Client;
const ids = { root: "", roleless: "", tenant: "", staff: "" };
let platformBefore: { id: string; seq: string; prev_hash: string; hash: string; action: string }[];
let clinicBefore: { seq: string; hash: string }[];
const TOTP = "JBSWY3DPEHPK3PXP";

const idOf = (rows: Record<string, unknown>[]) => rows[0]!.id as string;

/** One transaction in platform mode (rows with tenant_id NULL, before; platform_* after). */
async function asPlatform<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
  await client.query("BEGIN");
  await client.query("SELECT set_config('app.platform', 'on', true)");
  const { rows } = await client.query<R>(sql, params);
  await client.query("COMMIT");
  return rows;
}

async function asTenant(tenantId: string, sql: string, params: unknown[] = []) {
  await client.query("BEGIN");
  await client.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
  const { rows } = await client.query(sql, params);
  await client.query("COMMIT");
  return rows;
}

const platformChain = () => asPlatform<{ id: string; seq: string; prev_hash: string; hash: string; action: string }>(
  "SELECT id, seq::text, prev_hash, hash, action FROM platform_audit_logs ORDER BY seq");

function auditVerifyCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("npx", ["tsx", "scripts/audit-verify.ts", ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }));
  });
}

beforeAll(async () => {
  name = freshDatabaseName("prontivus_platform_split");
  await adminQuery(`CREATE DATABASE ${name}`);
  url = databaseUrlFor(name);
  const old = await mkdtemp(join(tmpdir(), "prontivus-old-migrations-"));
  for (const dir of (await readdir(DEFAULT_MIGRATIONS_DIR)).filter((d) => d < FIRST_NEW)) {
    await cp(join(DEFAULT_MIGRATIONS_DIR, dir), join(old, dir), { recursive: true });
  }
  await migrate(url, { migrationsDir: old, log: () => {} });
  await rm(old, { recursive: true, force: true });
  client = new pg.Client({ connectionString: url });
  await client.connect();

  // The platform as the previous release kept it: users with tenant_id NULL and their rows.
  ids.root = idOf(await asPlatform(
    `INSERT INTO users (id, tenant_id, email, name, password_hash, status, session_version, failed_login_count,
       totp_secret_enc, totp_enabled_at, totp_last_step, email_verified_at, locale, updated_at)
     VALUES (gen_random_uuid(), NULL, 'root@prontivus.dev', 'Equipe Prontivus', 'argon2-hash', 'ACTIVE', 3, 2,
       $1, now(), 1234, now(), 'pt-BR', now()) RETURNING id`, [sealField(PLATFORM_REALM, TOTP_SECRET_COLUMN, TOTP)]));
  await asPlatform("INSERT INTO user_roles (id, tenant_id, user_id, role) VALUES (gen_random_uuid(), NULL, $1, 'super_admin')", [ids.root]);
  ids.roleless = idOf(await asPlatform(
    `INSERT INTO users (id, tenant_id, email, name, password_hash, status, updated_at)
     VALUES (gen_random_uuid(), NULL, 'sem-papel@prontivus.dev', 'Sem Papel', 'argon2-hash', 'ACTIVE', now()) RETURNING id`));
  await asPlatform(`INSERT INTO login_attempts (id, tenant_id, user_id, email_hash, ip, succeeded)
    VALUES (gen_random_uuid(), NULL, $1, 'hash-a', '203.0.113.1', false), (gen_random_uuid(), NULL, $1, 'hash-a', '203.0.113.1', true)`, [ids.root]);
  await asPlatform(`INSERT INTO security_events (id, tenant_id, type, severity, user_id, details)
    VALUES (gen_random_uuid(), NULL, 'LOGIN_FAILED', 'MEDIUM', $1, '{"reason":"bad_password"}')`, [ids.root]);
  for (const action of ["seed.applied", "auth.login", "user.two_factor_enabled"]) {
    await asPlatform(`INSERT INTO audit_logs (id, tenant_id, actor_id, action, entity_type, entity_id, request_id, metadata)
      VALUES (gen_random_uuid(), NULL, $1::uuid, $2, 'user', $1::text, 'req-platform', '{"n":1}')`, [ids.root, action]);
  }
  platformBefore = (await asPlatform<{ id: string; seq: string; prev_hash: string; hash: string; action: string }>(
    "SELECT id, seq::text, prev_hash, hash, action FROM audit_logs WHERE tenant_id IS NULL ORDER BY seq"));

  // A clinic next to it, with a user, a role and a chain of its own.
  ids.tenant = idOf((await client.query(
    `INSERT INTO tenants (id, slug, name, legal_name, cnpj, status, settings, time_zone, updated_at)
     VALUES (gen_random_uuid(), 'split-clinic', 'Clínica', 'Clínica Ltda', '11222333000181', 'ACTIVE', '{}', 'America/Sao_Paulo', now()) RETURNING id`)).rows);
  ids.staff = idOf(await asTenant(ids.tenant,
    "INSERT INTO users (id, email, name, status, updated_at) VALUES (gen_random_uuid(), 'admin@clinica.test', 'Admin', 'ACTIVE', now()) RETURNING id"));
  await asTenant(ids.tenant, "INSERT INTO user_roles (id, user_id, role) VALUES (gen_random_uuid(), $1, 'admin')", [ids.staff]);
  for (const action of ["user.created", "auth.login"]) {
    await asTenant(ids.tenant, "INSERT INTO audit_logs (id, actor_id, action, entity_type) VALUES (gen_random_uuid(), $1, $2, 'user')", [ids.staff, action]);
  }
  clinicBefore = (await client.query<{ seq: string; hash: string }>(
    "SELECT seq::text, hash FROM audit_logs WHERE tenant_id = $1 ORDER BY seq", [ids.tenant])).rows;
  expect(await verifyPlatformChainBefore()).toBe(true);

  await migrate(url, { log: () => {} }); // this change's migrations
}, 120_000);

/** The old platform chain, walked with the old function, so the test starts from an intact one. */
async function verifyPlatformChainBefore(): Promise<boolean> {
  const rows = await asPlatform<{ ok: boolean }>(
    "SELECT bool_and(audit_row_hash(a) = a.hash) AS ok FROM audit_logs a WHERE tenant_id IS NULL");
  return rows[0]!.ok && platformBefore.every((r, i) => r.prev_hash === (i === 0 ? "0".repeat(64) : platformBefore[i - 1]!.hash));
}

afterAll(async () => {
  await client?.end();
  if (name) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

describe("moving the platform rows out of the tenant tables", () => {
  it("moves the super admins with their ids; one without the role arrives disabled; their role rows are gone", async () => {
    const users = await asPlatform<Record<string, unknown>>(
      "SELECT id, email, name, status, session_version, failed_login_count, totp_last_step::text AS step, totp_secret_enc FROM platform_users ORDER BY email");
    expect(users.map((u) => ({ ...u, totp_secret_enc: typeof u.totp_secret_enc }))).toEqual([
      { id: ids.root, email: "root@prontivus.dev", name: "Equipe Prontivus", status: "ACTIVE", session_version: 3, failed_login_count: 2, step: "1234", totp_secret_enc: "string" },
      { id: ids.roleless, email: "sem-papel@prontivus.dev", name: "Sem Papel", status: "DISABLED", session_version: 1, failed_login_count: 0, step: null, totp_secret_enc: "object" },
    ]);
    // The sealed secret moved byte for byte and still opens under the platform key.
    expect(openField(PLATFORM_REALM, TOTP_SECRET_COLUMN, users[0]!.totp_secret_enc as string)).toBe(TOTP);
    expect(await asPlatform("SELECT user_id, succeeded FROM platform_login_attempts ORDER BY succeeded"))
      .toEqual([{ user_id: ids.root, succeeded: false }, { user_id: ids.root, succeeded: true }]);
    expect(await asPlatform("SELECT type, user_id, details FROM platform_security_events"))
      .toEqual([{ type: "LOGIN_FAILED", user_id: ids.root, details: { reason: "bad_password" } }]);
  });

  it("keeps the platform chain as it was, verified by the library and by audit:verify --platform", async () => {
    expect(await platformChain()).toEqual(platformBefore);
    expect(await verifyPlatformAuditChain(client)).toEqual({ rows: 3, firstBreak: null });
    expect(await auditVerifyCli(["--platform"])).toMatchObject({ code: 0, stdout: expect.stringContaining("3 rows, intact") });
  });

  it("continues the chain from the old head for new platform rows", async () => {
    await asPlatform("INSERT INTO platform_audit_logs (id, action, entity_type, request_id) VALUES (gen_random_uuid(), 'test.after', 'platform', 'req-after')");
    const rows = await platformChain();
    expect(rows.at(-1)).toMatchObject({ seq: "4", action: "test.after", prev_hash: platformBefore[2]!.hash });
    expect(await verifyPlatformAuditChain(client)).toEqual({ rows: 4, firstBreak: null });
  });

  it("leaves the clinic's rows and chain untouched", async () => {
    expect((await client.query("SELECT seq::text, hash FROM audit_logs WHERE tenant_id = $1 ORDER BY seq", [ids.tenant])).rows).toEqual(clinicBefore);
    expect(await verifyAuditChain(client, ids.tenant)).toEqual({ rows: 2, firstBreak: null });
    expect(await auditVerifyCli(["--tenant", "split-clinic"])).toMatchObject({ code: 0 });
    expect((await client.query("SELECT role FROM user_roles WHERE user_id = $1", [ids.staff])).rows).toEqual([{ role: "admin" }]);
  });

  it("no tenant table holds a NULL tenant_id, and none may: NOT NULL, primary key (tenant_id, id), composite role key", async () => {
    for (const table of FIVE) {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id IS NULL`);
      expect(rows[0]!.n, table).toBe(0);
    }
    const { rows: pks } = await client.query<{ t: string; def: string }>(
      `SELECT conrelid::regclass::text AS t, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE contype = 'p' AND conrelid::regclass::text = ANY ($1) ORDER BY 1`, [FIVE]);
    expect(pks.map((p) => p.def)).toEqual(FIVE.map(() => "PRIMARY KEY (tenant_id, id)"));
    const { rows: fks } = await client.query<{ def: string }>(
      "SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'f' AND conrelid = 'user_roles'::regclass AND confrelid = 'users'::regclass");
    expect(fks.map((f) => f.def)).toEqual([expect.stringContaining("FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id)")]);
    await expect(client.query("INSERT INTO users (id, tenant_id, email, name, updated_at) VALUES (gen_random_uuid(), NULL, 'x@y.z', 'X', now())"))
      .rejects.toMatchObject({ code: "23502" });
  });

  it("finds a tampered moved row: audit:verify --platform exits 1 naming it", async () => {
    await asPlatform("UPDATE platform_audit_logs SET action = 'x' WHERE seq = 2");
    expect(await verifyPlatformAuditChain(client)).toMatchObject({ firstBreak: { seq: "2", reason: "content_changed" } });
    const cli = await auditVerifyCli(["--platform"]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain("BROKEN at seq 2");
  });
});
