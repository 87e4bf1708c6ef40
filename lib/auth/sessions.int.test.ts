// Web sessions as rows, against the real database as the app role, with the clock injected:
// idle and absolute limits, revocation, a disabled account, and "sign out everywhere" (which
// also ends API refresh families).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import type { RoleKey } from "@/lib/generated/prisma/enums";
import { parseTenantSettings } from "@/lib/tenancy/settings";
import { asOwner, closeOwnerPool, createTenant, createUser, scopeFor, type TestTenant, type TestUser } from "@/lib/testing/factories";
import { loginWithPassword, refreshTokens } from "./api-tokens";
import { checkWebSession, openWebSession, type SessionCheck } from "./sessions";
import { listOwnSessions, revokeOwnSession, signOutEverywhere } from "./sessions-account";

const SETTINGS = { security: { twoFactorRequiredRoles: [], staffIdleMinutes: 15, patientIdleMinutes: 30, absoluteSessionHours: 2 } };
const settings = parseTenantSettings(SETTINGS);
const T0 = new Date("2026-11-25T12:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const meta = () => ({ requestId: randomUUID(), ip: "198.51.100.7", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 Safari/537.36" });

let clinic: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  [clinic, other] = await Promise.all([createTenant({ settings: SETTINGS }), createTenant({ settings: SETTINGS })]);
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

const sessionUser = (tenant: TestTenant, u: TestUser, sessionVersion = 1) =>
  ({ id: u.id, name: u.name, email: u.email, kind: "clinic" as const, tenantId: tenant.id, tenantSlug: tenant.slug, sessionVersion });

async function open(tenant: TestTenant, u: TestUser, now = T0) {
  const id = await openWebSession(sessionUser(tenant, u), meta(), now);
  return id!;
}

async function check(tenant: TestTenant, u: TestUser, sessionId: string, now: Date, sessionVersion = 1): Promise<SessionCheck> {
  return withTenant(scopeFor(tenant), (tx) => checkWebSession(tx, { sessionId, userId: u.id, sessionVersion }, settings, meta(), now));
}

const row = async (id: string) => (await asOwner<{ last_seen_at: Date; expires_at: Date; revoked_at: Date | null; revoke_reason: string | null }>(
  "SELECT last_seen_at, expires_at, revoked_at, revoke_reason FROM user_sessions WHERE id = $1", [id]))[0]!;
const events = (userId: string) => asOwner<{ type: string; severity: string; reason: string }>(
  "SELECT type, severity, details->>'reason' AS reason FROM security_events WHERE user_id = $1 ORDER BY created_at", [userId]);
const staff = (roles: RoleKey[] = ["secretary"]) => createUser(clinic, { roles });

describe("openWebSession", () => {
  it("opens a WEB row expiring at the clinic's absolute limit; platform accounts get none", async () => {
    const u = await staff();
    const id = await open(clinic, u);
    const [r] = await asOwner("SELECT kind, user_id, ip, expires_at, revoked_at FROM user_sessions WHERE id = $1", [id]);
    expect(r).toEqual({ kind: "WEB", user_id: u.id, ip: "198.51.100.7", expires_at: at(120), revoked_at: null });
    expect(await openWebSession({ ...sessionUser(clinic, u), kind: "platform", tenantId: null, tenantSlug: null }, meta(), T0)).toBeNull();
  });
});

describe("checkWebSession", () => {
  it("accepts a live session and records activity at most once a minute", async () => {
    const u = await staff();
    const id = await open(clinic, u);
    expect((await check(clinic, u, id, at(0.5))).ok).toBe(true);
    expect((await row(id)).last_seen_at).toEqual(T0);
    expect((await check(clinic, u, id, at(1.5))).ok).toBe(true);
    expect((await row(id)).last_seen_at).toEqual(at(1.5));
  });

  it("ends a staff session idle for more than the staff limit, once, with a security event", async () => {
    const u = await staff();
    const id = await open(clinic, u);
    expect((await check(clinic, u, id, at(15))).ok).toBe(true);
    expect(await check(clinic, u, id, at(30.5))).toEqual({ ok: false, reason: "idle" });
    expect(await row(id)).toMatchObject({ revoked_at: at(30.5), revoke_reason: "idle" });
    // Coming back later: the same answer, and no second event.
    expect(await check(clinic, u, id, at(31))).toEqual({ ok: false, reason: "idle" });
    expect(await events(u.id)).toEqual([{ type: "SESSION_REVOKED", severity: "INFO", reason: "idle" }]);
  });

  it("gives patients the patient limit (30 minutes here)", async () => {
    const u = await staff(["patient"]);
    const id = await open(clinic, u);
    expect((await check(clinic, u, id, at(29))).ok).toBe(true);
    expect(await check(clinic, u, id, at(59.5))).toEqual({ ok: false, reason: "idle" });
  });

  it("ends an active session at the absolute limit", async () => {
    const u = await staff();
    const id = await open(clinic, u);
    for (const m of [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 119]) expect((await check(clinic, u, id, at(m))).ok).toBe(true);
    expect(await check(clinic, u, id, at(120))).toEqual({ ok: false, reason: "absolute" });
    expect((await row(id)).revoke_reason).toBe("absolute");
  });

  it("refuses a session of a disabled account with a clear reason and an event, changing nothing else", async () => {
    const u = await staff();
    const id = await open(clinic, u);
    await asOwner("UPDATE users SET status = 'DISABLED' WHERE id = $1", [u.id]);
    const userBefore = await asOwner("SELECT * FROM users WHERE id = $1", [u.id]);
    const auditBefore = await asOwner("SELECT count(*)::int AS n FROM audit_logs WHERE tenant_id = $1", [clinic.id]);
    expect(await check(clinic, u, id, at(1))).toEqual({ ok: false, reason: "disabled" });
    expect(await asOwner("SELECT * FROM users WHERE id = $1", [u.id])).toEqual(userBefore);
    expect(await asOwner("SELECT count(*)::int AS n FROM audit_logs WHERE tenant_id = $1", [clinic.id])).toEqual(auditBefore);
    expect(await events(u.id)).toEqual([{ type: "SESSION_REVOKED", severity: "MEDIUM", reason: "disabled" }]);
  });

  it("refuses a session whose version moved on, one without a row id, and another person's row", async () => {
    const [u, stranger] = await Promise.all([staff(), staff()]);
    const id = await open(clinic, u);
    expect(await check(clinic, stranger, id, at(1))).toEqual({ ok: false, reason: "revoked" });
    expect(await withTenant(scopeFor(clinic), (tx) => checkWebSession(tx, { sessionId: null, userId: u.id, sessionVersion: 1 }, settings, meta(), at(1))))
      .toEqual({ ok: false, reason: "version" });
    expect((await row(id)).revoked_at).toBeNull();
    expect(await check(clinic, u, id, at(1), 2)).toEqual({ ok: false, reason: "version" });
  });

  it("does not find a row of another clinic (RLS)", async () => {
    const u = await staff();
    const id = await open(clinic, u);
    expect(await check(other, u, id, at(1))).toEqual({ ok: false, reason: "revoked" });
    expect((await row(id)).revoked_at).toBeNull();
  });
});

describe("the account's own sessions", () => {
  it("lists live sessions only, marks this device, and ends another one", async () => {
    const u = await staff();
    const ctx = scopeFor(clinic, u, ["secretary"]);
    const now = new Date();
    const [mine, laptop, stale] = [await open(clinic, u, now), await open(clinic, u, now), await open(clinic, u, new Date(now.getTime() - 20 * 60_000))];
    const list = await listOwnSessions(ctx, mine, now);
    expect(list.map((s) => [s.id, s.current])).toEqual(expect.arrayContaining([[mine, true], [laptop, false]]));
    expect(list.map((s) => s.id)).not.toContain(stale);
    expect(list[0]!.device).toBe("Chrome 131 · Linux");

    await revokeOwnSession(ctx, { sessionId: laptop });
    expect(await row(laptop)).toMatchObject({ revoke_reason: "revoked" });
    expect(await check(clinic, u, laptop, new Date())).toEqual({ ok: false, reason: "revoked" });
    expect((await check(clinic, u, mine, new Date())).ok).toBe(true);
  });

  it("answers 404 for another person's session and for another clinic's, changing nothing", async () => {
    const [u, colleague] = await Promise.all([staff(), staff()]);
    const foreignUser = await createUser(other, { roles: ["secretary"] });
    const theirs = await open(clinic, colleague);
    const foreign = await open(other, foreignUser);
    const ctx = scopeFor(clinic, u, ["secretary"]);
    for (const sessionId of [theirs, foreign, "not-a-uuid"]) {
      await expect(revokeOwnSession(ctx, { sessionId })).rejects.toMatchObject({ code: "not_found" });
    }
    expect((await row(theirs)).revoked_at).toBeNull();
    expect((await row(foreign)).revoked_at).toBeNull();
  });

  it("sign out everywhere ends every web session and API refresh family, and bumps the version", async () => {
    const [u, colleague] = await Promise.all([staff(), staff()]);
    const web = [await open(clinic, u), await open(clinic, u)];
    const colleagues = await open(clinic, colleague);
    const apiMeta = { ...meta(), tenantSlug: clinic.slug };
    const api = await loginWithPassword({ email: u.email, password: u.password }, apiMeta);
    if (!("refreshToken" in api)) throw new Error("expected tokens");

    const ctx = scopeFor(clinic, u, ["secretary"]);
    expect(await signOutEverywhere(ctx)).toEqual({ ended: 3 });
    for (const id of web) expect((await row(id)).revoke_reason).toBe("everywhere");
    expect(await check(clinic, u, web[0]!, new Date(), 2)).toEqual({ ok: false, reason: "everywhere" });
    await expect(refreshTokens({ refreshToken: api.refreshToken }, { ...meta(), tenantSlug: clinic.slug })).rejects.toBeInstanceOf(AppError);
    expect(await asOwner("SELECT session_version FROM users WHERE id = $1", [u.id])).toEqual([{ session_version: 2 }]);
    expect((await row(colleagues)).revoked_at).toBeNull();
    expect(await asOwner("SELECT action, metadata->>'sessionsEnded' AS n FROM audit_logs WHERE entity_id = $1 AND action = 'auth.sign_out_everywhere'", [u.id]))
      .toEqual([{ action: "auth.sign_out_everywhere", n: "3" }]);
    expect(await events(u.id)).toContainEqual({ type: "SESSION_REVOKED", severity: "MEDIUM", reason: "everywhere" });
  });
});
