// The in-process session cache against the real database and the route handlers: a live session
// is answered from memory, and every way of ending or narrowing it (revoked row, disabled
// account, version bump, role taken away) takes effect within one second even when it is made
// by SQL outside this process (the NOTIFY path), and at once when this process makes it (the
// write hook). A deaf listener empties the cache and the checks go back to the database.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAccessToken } from "@/lib/api/jwt";
import { disconnectDb } from "@/lib/db/client";
import { findTenant } from "@/lib/tenancy/current";
import { parseTenantSettings } from "@/lib/tenancy/settings";
import { asOwner, closeOwnerPool, createTenant, createUser, scopeFor, type TestTenant, type TestUser } from "@/lib/testing/factories";
import { POST as login } from "@/app/api/v1/auth/login/route";
import { POST as logout } from "@/app/api/v1/auth/logout/route";
import { GET as patients } from "@/app/api/v1/patients/route";
import { sessionCache } from "./session-cache";
import { openWebSession, webSessionOf } from "./sessions";

const SETTINGS = { security: { twoFactorRequiredRoles: [] } };
const settings = parseTenantSettings(SETTINGS);
const meta = () => ({ requestId: randomUUID(), ip: "198.51.100.8", userAgent: "vitest session cache" });

let clinic: TestTenant;

beforeAll(async () => {
  clinic = await createTenant({ settings: SETTINGS });
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

function call(token: string): Promise<number> {
  return patients(new Request(`http://${clinic.slug}.localhost:3000/api/v1/patients`, {
    headers: { "x-prontivus-tenant": clinic.slug, authorization: `Bearer ${token}`, "x-request-id": randomUUID() },
  })).then((res) => res.status);
}

async function apiSession(u: TestUser): Promise<{ accessToken: string; refreshToken: string; sid: string }> {
  const res = await login(new Request(`http://${clinic.slug}.localhost:3000/api/v1/auth/login`, {
    method: "POST", body: JSON.stringify({ email: u.email, password: u.password }),
    headers: { "x-prontivus-tenant": clinic.slug, "content-type": "application/json", "x-request-id": randomUUID() },
  }));
  expect(res.status).toBe(200);
  const tokens = (await res.json()) as { accessToken: string; refreshToken: string };
  return { ...tokens, sid: verifyAccessToken(tokens.accessToken)!.sid };
}

/**
 * Until a check is answered from memory. Not always the second one: any announcement while a
 * check reads (this user's own sign-in stamp, other tests' changes) makes the cache refuse to
 * keep that read. `check` must find the session alive each time.
 */
async function untilCached(check: () => Promise<void>): Promise<void> {
  await expect.poll(async () => {
    const hits = sessionCache.stats().hits;
    await check();
    return sessionCache.stats().hits > hits;
  }).toBe(true);
}

const cached = (token: string) => untilCached(async () => expect(await call(token)).toBe(200));

/** Polls until `status` answers `refused`, at most one second, and returns how long it took. */
async function refusedWithin(token: string, refused: number): Promise<number> {
  const started = performance.now();
  await expect.poll(() => call(token), { timeout: 1_000, interval: 5 }).toBe(refused);
  return performance.now() - started;
}

describe("API bearer sessions", () => {
  it("are answered from memory once checked, without reading the session again", async () => {
    const u = await createUser(clinic, { roles: ["secretary"] });
    const { accessToken } = await apiSession(u);
    await cached(accessToken);
    expect(sessionCache.stats().size).toBeGreaterThan(0);
  });

  const bySession = (sql: string) => (_: TestUser, sid: string): [string, unknown[]] => [sql, [sid]];
  const byUser = (sql: string) => (u: TestUser): [string, unknown[]] => [sql, [u.id]];
  it.each([
    ["the session revoked", bySession("UPDATE user_sessions SET revoked_at = now() WHERE id = $1"), 401],
    ["the session row deleted", bySession("WITH t AS (DELETE FROM refresh_tokens WHERE session_id = $1) DELETE FROM user_sessions WHERE id = $1"), 401],
    ["the account disabled", byUser("UPDATE users SET status = 'DISABLED' WHERE id = $1"), 401],
    ["the session version moved on", byUser("UPDATE users SET session_version = session_version + 1 WHERE id = $1"), 401],
    ["every role taken away", byUser("DELETE FROM user_roles WHERE user_id = $1"), 403],
  ])("refuse within a second when SQL outside the app leaves %s, and keep refusing", async (_, change, refused) => {
    const u = await createUser(clinic, { roles: ["secretary"] });
    const { accessToken, sid } = await apiSession(u);
    await cached(accessToken);
    await asOwner(...change(u, sid));
    expect(await refusedWithin(accessToken, refused)).toBeLessThan(1_000);
    for (let i = 0; i < 3; i++) expect(await call(accessToken)).toBe(refused);
  });

  it("refuse on the very next request after this process signs the session out", async () => {
    const u = await createUser(clinic, { roles: ["secretary"] });
    const { accessToken, refreshToken } = await apiSession(u);
    await cached(accessToken);
    const res = await logout(new Request(`http://${clinic.slug}.localhost:3000/api/v1/auth/logout`, {
      method: "POST", body: JSON.stringify({ refreshToken }),
      headers: {
        "x-prontivus-tenant": clinic.slug, "content-type": "application/json", authorization: `Bearer ${accessToken}`,
        "x-request-id": randomUUID(),
      },
    }));
    expect(res.status).toBe(204);
    expect(await call(accessToken)).toBe(401);
  });
});

describe("web sessions", () => {
  it("are answered from memory and refused within a second of an outside revocation", async () => {
    const u = await createUser(clinic, { roles: ["doctor"] });
    const user = { id: u.id, name: u.name, email: u.email, kind: "clinic" as const, tenantId: clinic.id, tenantSlug: clinic.slug, sessionVersion: 1 };
    const sessionId = (await openWebSession(user, meta()))!;
    const claims = { sessionId, userId: u.id, sessionVersion: 1 };
    const check = () => webSessionOf(scopeFor(clinic), claims, settings, meta()).then((c) => (c.ok ? "alive" : c.reason));
    await untilCached(async () => expect(await check()).toBe("alive"));

    await asOwner("UPDATE user_sessions SET revoked_at = now(), revoke_reason = 'revoked' WHERE id = $1", [sessionId]);
    const started = performance.now();
    await expect.poll(check, { timeout: 1_000, interval: 5 }).toBe("revoked");
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("go idle when the row is aged outside the app, though the touch is not due", async () => {
    const u = await createUser(clinic, { roles: ["secretary"] });
    const user = { id: u.id, name: u.name, email: u.email, kind: "clinic" as const, tenantId: clinic.id, tenantSlug: clinic.slug, sessionVersion: 1 };
    const sessionId = (await openWebSession(user, meta()))!;
    const check = () => webSessionOf(scopeFor(clinic), { sessionId, userId: u.id, sessionVersion: 1 }, settings, meta())
      .then((c) => (c.ok ? "alive" : c.reason));
    await untilCached(async () => expect(await check()).toBe("alive"));
    await asOwner("UPDATE user_sessions SET last_seen_at = now() - interval '1 day' WHERE id = $1", [sessionId]);
    await expect.poll(check, { timeout: 1_000, interval: 5 }).toBe("idle");
  });
});

describe("the tenant cache", () => {
  it("forgets a clinic within a second of a change made outside the app", async () => {
    const t = await createTenant({ settings: SETTINGS });
    await expect.poll(() => sessionCache.listening()).toBe(true);
    expect((await findTenant(t.slug))?.status).toBe("ACTIVE");
    await asOwner("UPDATE tenants SET status = 'SUSPENDED' WHERE id = $1", [t.id]);
    // Without the announcement the entry would stay for its 30 s TTL.
    await expect.poll(async () => (await findTenant(t.slug))?.status, { timeout: 1_000, interval: 5 }).toBe("SUSPENDED");
  });
});

describe("the cache itself", () => {
  it("keeps nothing read across an announcement (a stale ticket)", async () => {
    const u = await createUser(clinic, { roles: ["secretary"] });
    const { accessToken, sid } = await apiSession(u);
    await cached(accessToken);
    const ticket = sessionCache.ticket();
    const entry = sessionCache.get(clinic.id, sid)!;
    await asOwner("UPDATE users SET name = name WHERE id = $1", [u.id]);
    await expect.poll(() => sessionCache.get(clinic.id, sid)).toBeNull();
    sessionCache.put(ticket, entry);
    expect(sessionCache.get(clinic.id, sid)).toBeNull();
  });

  it("empties when its listener is cut off, answers from the database meanwhile, and recovers", async () => {
    const u = await createUser(clinic, { roles: ["secretary"] });
    const { accessToken } = await apiSession(u);
    await cached(accessToken);
    const [killed] = await asOwner<{ ok: boolean }>(
      "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'prontivus-listener' AND pid <> pg_backend_pid() AND datname = current_database()");
    expect(killed?.ok).toBe(true);
    await expect.poll(() => sessionCache.stats().size).toBe(0);
    // Revoked while nobody listens: the check must come from the database.
    await asOwner("UPDATE users SET status = 'DISABLED' WHERE id = $1", [u.id]);
    expect(await call(accessToken)).toBe(401);
    await asOwner("UPDATE users SET status = 'ACTIVE' WHERE id = $1", [u.id]);
    await cached(accessToken);
  });
});
