// Password sign-in against the real database as the app role. Every attempt leaves exactly
// its trace (login_attempts plus an audit row or a security event) and nothing else; a failure
// looks the same whatever the reason.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookupHash } from "@/lib/crypto/config";
import { disconnectDb } from "@/lib/db/client";
import type { RequestMeta } from "@/lib/request";
import { asOwner, closeOwnerPool, createTenant, createUser, type TestTenant, type TestUser } from "@/lib/testing/factories";
import { authenticate } from "./sign-in";

let tenantTables: string[] = [];

/** Rows per tenant table for one tenant, so a test can say exactly what an attempt added. */
async function footprint(tenant: TestTenant): Promise<Record<string, number>> {
  const sql = tenantTables
    .map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM "${t}" WHERE tenant_id = $1`)
    .join(" UNION ALL ");
  const rows = await asOwner<{ t: string; n: number }>(sql, [tenant.id]);
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

function added(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.keys(after).filter((t) => after[t] !== before[t]).map((t) => [t, after[t]! - (before[t] ?? 0)]),
  );
}

const userRow = async (id: string) =>
  (await asOwner<{ row: Record<string, unknown> }>("SELECT to_jsonb(u) AS row FROM users u WHERE id = $1", [id]))[0]!.row;

const meta = (tenant: TestTenant | null): RequestMeta => ({
  tenantSlug: tenant?.slug ?? null,
  requestId: randomUUID(),
  ip: "203.0.113.7",
  userAgent: "vitest sign-in",
});

/** The security events one request left. */
const securityEvents = (tenant: TestTenant, m: RequestMeta) =>
  asOwner<{ type: string; severity: string; user_id: string | null; details: { reason: string } }>(
    "SELECT type, severity, user_id, details FROM security_events WHERE tenant_id = $1 AND request_id = $2",
    [tenant.id, m.requestId]);

/** login_attempts carries no request id: the newest row is the attempt just made. */
const lastLoginAttempt = async (tenant: TestTenant) =>
  (await asOwner<{ user_id: string | null; email_hash: string; ip: string; succeeded: boolean }>(
    `SELECT user_id, email_hash, ip, succeeded FROM login_attempts WHERE tenant_id = $1
      ORDER BY created_at DESC, id DESC LIMIT 1`, [tenant.id]))[0];

let clinic: TestTenant;
let other: TestTenant;
let doctor: TestUser;

beforeAll(async () => {
  const rows = await asOwner<{ table_name: string }>(
    `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'`);
  tenantTables = rows.map((r) => r.table_name).sort();
  [clinic, other] = await Promise.all([createTenant(), createTenant()]);
  doctor = await createUser(clinic, { roles: ["doctor"], email: "dra.ana@clinica.test", name: "Dra. Ana" });
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

describe("authenticate", () => {
  it("signs in with the right password: a SessionUser, one auth.login audit row, one attempt", async () => {
    const before = await footprint(clinic);
    const m = meta(clinic);
    const user = await authenticate({ email: "  DRA.Ana@Clinica.TEST ", password: doctor.password }, m);

    expect(user).toEqual({
      id: doctor.id, name: "Dra. Ana", email: doctor.email, kind: "clinic", tenantId: clinic.id, tenantSlug: clinic.slug, sessionVersion: 1,
    });
    expect(added(before, await footprint(clinic))).toEqual({ audit_logs: 1, login_attempts: 1 });
    const [auditRow] = await asOwner(
      `SELECT action, actor_id, entity_type, entity_id, ip, request_id FROM audit_logs
        WHERE tenant_id = $1 AND request_id = $2`, [clinic.id, m.requestId]);
    expect(auditRow).toEqual({
      action: "auth.login", actor_id: doctor.id, entity_type: "user", entity_id: doctor.id, ip: m.ip, request_id: m.requestId,
    });
    expect((await userRow(doctor.id)).last_login_at).not.toBeNull();
  });

  it("refuses a wrong password: null, one LOGIN_FAILED event, one attempt, the failure counted", async () => {
    const [before, userBefore] = await Promise.all([footprint(clinic), userRow(doctor.id)]);
    const m = meta(clinic);

    expect(await authenticate({ email: doctor.email, password: `${doctor.password}x` }, m)).toBeNull();

    expect(added(before, await footprint(clinic))).toEqual({ security_events: 1, login_attempts: 1 });
    // The lockout counter moves (lockout.ts); updated_at follows any update. Nothing else changes.
    expect(await userRow(doctor.id)).toEqual({
      ...userBefore, failed_login_count: (userBefore.failed_login_count as number) + 1, updated_at: expect.any(String),
    });
    expect(await securityEvents(clinic, m)).toEqual([
      { type: "LOGIN_FAILED", severity: "MEDIUM", user_id: doctor.id, details: { reason: "bad_password" } },
    ]);
    expect(await lastLoginAttempt(clinic)).toEqual(
      { user_id: doctor.id, email_hash: lookupHash(clinic.id, "login-email", doctor.email), ip: m.ip, succeeded: false });
  });

  it("refuses an unknown e-mail the same way, storing only a keyed hash of it", async () => {
    const before = await footprint(clinic);
    const m = meta(clinic);

    expect(await authenticate({ email: "ninguem@clinica.test", password: doctor.password }, m)).toBeNull();

    expect(added(before, await footprint(clinic))).toEqual({ security_events: 1, login_attempts: 1 });
    expect(await securityEvents(clinic, m)).toEqual([
      { type: "LOGIN_FAILED", severity: "LOW", user_id: null, details: { reason: "unknown_user" } },
    ]);
    expect(await lastLoginAttempt(clinic)).toEqual(
      { user_id: null, email_hash: lookupHash(clinic.id, "login-email", "ninguem@clinica.test"), ip: m.ip, succeeded: false });
  });

  it("does not let a user of one clinic in through another clinic's host", async () => {
    const [mineBefore, theirsBefore, userBefore] = await Promise.all([footprint(clinic), footprint(other), userRow(doctor.id)]);

    const m = meta(other);
    expect(await authenticate({ email: doctor.email, password: doctor.password }, m)).toBeNull();

    expect(added(mineBefore, await footprint(clinic))).toEqual({});
    expect(await userRow(doctor.id)).toEqual(userBefore);
    expect(added(theirsBefore, await footprint(other))).toEqual({ security_events: 1, login_attempts: 1 });
    expect(await securityEvents(other, m)).toMatchObject([{ user_id: null, details: { reason: "unknown_user" } }]);
  });

  it.each([
    ["an e-mail without @", { email: "dra.ana.clinica.test", password: "whatever" }],
    ["a 2000-character password", { email: "dra.ana@clinica.test", password: "a".repeat(2000) }],
    ["an empty password", { email: "dra.ana@clinica.test", password: "" }],
    ["a missing password", { email: "dra.ana@clinica.test" }],
    ["a number for the e-mail", { email: 42, password: "x" }],
    ["null", null],
    ["a string", "dra.ana@clinica.test:senha"],
  ])("answers null, without throwing or writing, for %s", async (_label, input) => {
    const before = await footprint(clinic);
    await expect(authenticate(input, meta(clinic))).resolves.toBeNull();
    expect(added(before, await footprint(clinic))).toEqual({});
  });

  it("refuses a DISABLED user even with the right password", async () => {
    const disabled = await createUser(clinic, { roles: ["secretary"], status: "DISABLED" });
    const [before, userBefore] = await Promise.all([footprint(clinic), userRow(disabled.id)]);

    const m = meta(clinic);
    expect(await authenticate({ email: disabled.email, password: disabled.password }, m)).toBeNull();

    expect(added(before, await footprint(clinic))).toEqual({ security_events: 1, login_attempts: 1 });
    expect(await userRow(disabled.id)).toEqual(userBefore);
    expect(await securityEvents(clinic, m)).toEqual([
      { type: "LOGIN_FAILED", severity: "MEDIUM", user_id: disabled.id, details: { reason: "inactive_user" } },
    ]);
  });

  it("answers null for an unknown or suspended clinic", async () => {
    const suspended = await createTenant({ status: "SUSPENDED" });
    const staff = await createUser(suspended, { roles: ["admin"] });
    const before = await footprint(suspended);
    const ghost = { ...meta(null), tenantSlug: "nao-existe" };

    expect(await authenticate({ email: doctor.email, password: doctor.password }, ghost)).toBeNull();
    expect(await authenticate({ email: staff.email, password: staff.password }, meta(suspended))).toBeNull();
    expect(added(before, await footprint(suspended))).toEqual({});
  });
});
