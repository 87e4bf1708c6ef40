// Throttling and lockout of password sign-in against the real database (app role, RLS live).
// "Now" is injected: tests move the clock instead of sleeping. A fresh clinic per test keeps
// the per-IP counters of one test out of the others.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import type { RequestMeta } from "@/lib/request";
import { asOwner, closeOwnerPool, createTenant, createUser, type TestTenant, type TestUser } from "@/lib/testing/factories";
import { accountDelayMs, LOCKOUT_POLICY } from "./lockout";
import { authenticate } from "./sign-in";

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

const T0 = Date.parse("2030-03-01T12:00:00Z");
const at = (ms: number) => () => new Date(T0 + ms);
const meta = (tenant: TestTenant, ip = "198.51.100.20"): RequestMeta =>
  ({ tenantSlug: tenant.slug, requestId: randomUUID(), ip, userAgent: "vitest lockout" });

async function setup(): Promise<{ clinic: TestTenant; user: TestUser }> {
  const clinic = await createTenant();
  return { clinic, user: await createUser(clinic, { roles: ["doctor"] }) };
}

const signIn = (clinic: TestTenant, user: TestUser, password: string, ms: number, ip?: string) =>
  authenticate({ email: user.email, password }, meta(clinic, ip), { now: at(ms) });

const account = async (id: string) =>
  (await asOwner<{ failed_login_count: number; locked_at: Date | null }>(
    "SELECT failed_login_count, locked_at FROM users WHERE id = $1", [id]))[0]!;

const events = (tenant: TestTenant, type: string) =>
  asOwner<{ user_id: string | null; details: Record<string, unknown> }>(
    "SELECT user_id, details FROM security_events WHERE tenant_id = $1 AND type = $2 ORDER BY created_at", [tenant.id, type]);

describe("account throttling", () => {
  it("doubles the wait from the fifth consecutive failure on", () => {
    expect([4, 5, 6, 7, 9].map(accountDelayMs)).toEqual([0, 1000, 2000, 4000, 16000]);
  });

  it("refuses the attempt right after five failures even with the right password, then lets it in once the delay has passed", async () => {
    const { clinic, user } = await setup();
    for (let i = 0; i < 5; i++) expect(await signIn(clinic, user, "errada-123456", i)).toBeNull();
    expect(await account(user.id)).toEqual({ failed_login_count: 5, locked_at: null });

    // 1 s must pass after the fifth failure (at T0+4ms); the right password is not even checked.
    expect(await signIn(clinic, user, user.password, 500)).toBeNull();
    expect(await events(clinic, "RATE_LIMITED")).toEqual([{ user_id: user.id, details: { reason: "account" } }]);
    // Ignoring the delay counts as a failure: now 6, so the next wait is 2 s from T0+500ms.
    expect((await account(user.id)).failed_login_count).toBe(6);
    expect(await signIn(clinic, user, user.password, 2_400)).toBeNull();

    const ok = await signIn(clinic, user, user.password, 2_400 + 4_001);
    expect(ok?.id).toBe(user.id);
    expect(await account(user.id)).toEqual({ failed_login_count: 0, locked_at: null });
  });

  it("resets the count on a successful sign-in, so failures must be consecutive", async () => {
    const { clinic, user } = await setup();
    for (let i = 0; i < 4; i++) await signIn(clinic, user, "errada-123456", i);
    expect(await signIn(clinic, user, user.password, 10)).not.toBeNull();
    for (let i = 0; i < 4; i++) await signIn(clinic, user, "errada-123456", 20 + i);
    expect(await signIn(clinic, user, user.password, 30)).not.toBeNull();
    expect(await events(clinic, "RATE_LIMITED")).toEqual([]);
  });
});

describe("account lockout", () => {
  it("locks after ten failures: the right password is then refused the same way, and the lock is recorded", async () => {
    const { clinic, user } = await setup();
    // An hour apart, so every failure is a checked wrong password rather than a throttled one.
    for (let i = 0; i < LOCKOUT_POLICY.lockAfterFailures; i++) {
      expect(await signIn(clinic, user, `errada-${i}abcdef`, i * 3_600_000)).toBeNull();
    }
    const locked = await account(user.id);
    expect(locked.failed_login_count).toBe(10);
    expect(locked.locked_at).toEqual(new Date(T0 + 9 * 3_600_000));
    expect(await events(clinic, "ACCOUNT_LOCKED")).toEqual([{ user_id: user.id, details: { failures: 10 } }]);
    expect(await asOwner("SELECT actor_id, entity_id, metadata FROM audit_logs WHERE tenant_id = $1 AND action = 'auth.account_locked'", [clinic.id]))
      .toEqual([{ actor_id: null, entity_id: user.id, metadata: { failures: 10 } }]);

    // Days later, with the right password: still refused, as a LOGIN_FAILED like any other.
    expect(await signIn(clinic, user, user.password, 5 * 86_400_000)).toBeNull();
    expect((await events(clinic, "LOGIN_FAILED")).at(-1)).toEqual({ user_id: user.id, details: { reason: "account_locked" } });
    expect(await account(user.id)).toEqual(locked); // a locked account's counter no longer moves
    expect(await events(clinic, "ACCOUNT_LOCKED")).toHaveLength(1);
  });

  it("also locks when ten failures arrive in a burst (the throttled ones count)", async () => {
    const { clinic, user } = await setup();
    for (let i = 0; i < 10; i++) await signIn(clinic, user, "errada-123456", i);
    expect((await account(user.id)).locked_at).not.toBeNull();
    expect(await events(clinic, "LOGIN_FAILED")).toHaveLength(5);
    expect(await events(clinic, "RATE_LIMITED")).toHaveLength(5);
    expect(await signIn(clinic, user, user.password, 86_400_000)).toBeNull();
  });
});

describe("per-IP throttling", () => {
  it("refuses an IP after 30 failures across accounts in 15 minutes, other IPs unaffected, until the window passes", async () => {
    const { clinic, user } = await setup();
    for (let i = 0; i < LOCKOUT_POLICY.ipMaxFailures; i++) {
      await authenticate({ email: `ninguem-${i}@clinica.test`, password: "x" }, meta(clinic, "192.0.2.66"), { now: at(i * 1000) });
    }
    expect(await signIn(clinic, user, user.password, 60_000, "192.0.2.66")).toBeNull();
    expect(await events(clinic, "RATE_LIMITED")).toEqual([{ user_id: user.id, details: { reason: "ip" } }]);
    // Refusals by IP say nothing about the account: its counter stays at zero.
    expect(await account(user.id)).toEqual({ failed_login_count: 0, locked_at: null });

    expect(await signIn(clinic, user, user.password, 61_000, "192.0.2.67")).not.toBeNull();
    // 15 minutes after the last failure from that IP (the refusal itself, at +60 s), it may try again.
    expect(await signIn(clinic, user, user.password, 60_000 + LOCKOUT_POLICY.ipWindowMs + 1_000, "192.0.2.66")).not.toBeNull();
  });
});
