// Two kinds of account in two sets of tables (account-store.ts): clinic users in users, platform
// super admins in platform_users. Against the real database as the app role: a super admin signs
// in on the root host only and a clinic user on their clinic's host only, even with the same
// e-mail in both; a refused attempt leaves its trace where that host's rows live and nothing in
// the other set; a challenge or an id of one kind is worth nothing to the other; and the shared
// lockout locks a platform account in platform_users, audited in the platform's own chain.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPlatformAuditChain } from "@/lib/audit/verify";
import { disconnectDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { RequestMeta } from "@/lib/request";
import {
  asOwner, closeOwnerPool, createPlatformUser, createTenant, createUser,
  type TestPlatformUser, type TestTenant, type TestUser, withOwnerClient,
} from "@/lib/testing/factories";
import { LOCKOUT_POLICY } from "./lockout";
import { beginSignIn } from "./sign-in";
import { issueChallenge, PLATFORM_REALM } from "./two-factor-challenge";
import { completeSecondStep } from "./two-factor-sign-in";

const T0 = Date.parse("2030-04-01T12:00:00Z");
const at = (ms: number) => () => new Date(T0 + ms);
const meta = (tenant: TestTenant | null, ip = "198.51.100.140"): RequestMeta =>
  ({ tenantSlug: tenant?.slug ?? null, requestId: randomUUID(), ip, userAgent: "vitest account kinds" });

const clinicEvents = (tenant: TestTenant, m: RequestMeta) => asOwner<{ type: string; user_id: string | null; reason: string }>(
  "SELECT type, user_id, details->>'reason' AS reason FROM security_events WHERE tenant_id = $1 AND request_id = $2", [tenant.id, m.requestId]);
const platformEvents = (m: RequestMeta) => asOwner<{ type: string; user_id: string | null; reason: string }>(
  "SELECT type, user_id, details->>'reason' AS reason FROM platform_security_events WHERE request_id = $1", [m.requestId]);
const anywhere = async (m: RequestMeta) => (await asOwner<{ n: number }>(
  `SELECT ((SELECT count(*) FROM security_events WHERE request_id = $1) + (SELECT count(*) FROM audit_logs WHERE request_id = $1)
        + (SELECT count(*) FROM platform_security_events WHERE request_id = $1) + (SELECT count(*) FROM platform_audit_logs WHERE request_id = $1))::int AS n`,
  [m.requestId]))[0]!.n;

let clinic: TestTenant;
let root: TestPlatformUser;
let staff: TestUser;

beforeAll(async () => {
  clinic = await createTenant();
  root = await createPlatformUser();
  staff = await createUser(clinic, { roles: ["admin"] });
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

describe("where each kind of account may sign in", () => {
  it("a platform account cannot sign in on a clinic's host: unknown there, logged by the clinic only", async () => {
    const m = meta(clinic);
    expect(await beginSignIn({ email: root.email, password: root.password }, m, { now: at(0) })).toBeNull();
    expect(await clinicEvents(clinic, m)).toEqual([{ type: "LOGIN_FAILED", user_id: null, reason: "unknown_user" }]);
    expect(await platformEvents(m)).toEqual([]);
    expect(await anywhere(m)).toBe(1);
    const [row] = await asOwner("SELECT failed_login_count, last_login_at FROM platform_users WHERE id = $1", [root.id]);
    expect(row).toEqual({ failed_login_count: 0, last_login_at: null });
  });

  it("a clinic user cannot sign in on the platform host: unknown there, logged by the platform only", async () => {
    const m = meta(null);
    expect(await beginSignIn({ email: staff.email, password: staff.password }, m, { now: at(0) })).toBeNull();
    expect(await platformEvents(m)).toEqual([{ type: "LOGIN_FAILED", user_id: null, reason: "unknown_user" }]);
    expect(await clinicEvents(clinic, m)).toEqual([]);
    expect(await anywhere(m)).toBe(1);
    const [row] = await asOwner("SELECT failed_login_count, last_login_at FROM users WHERE tenant_id = $1 AND id = $2", [clinic.id, staff.id]);
    expect(row).toEqual({ failed_login_count: 0, last_login_at: null });
  });

  it("with one e-mail in both, each password opens only its own kind of account, on its own host", async () => {
    const email = `ambos-${randomUUID().slice(0, 8)}@prontivus.test`;
    const both = { platform: await createPlatformUser({ email }), clinic: await createUser(clinic, { roles: ["admin"], email }) };
    const tryIt = (host: TestTenant | null, password: string) => beginSignIn({ email, password }, meta(host), { now: at(0) });

    expect(await tryIt(clinic, both.platform.password)).toBeNull();
    expect(await tryIt(null, both.clinic.password)).toBeNull();
    expect(await tryIt(clinic, both.clinic.password)).toMatchObject({
      kind: "session", user: { id: both.clinic.id, kind: "clinic", tenantId: clinic.id, tenantSlug: clinic.slug },
    });
    expect(await tryIt(null, both.platform.password)).toMatchObject({
      kind: "session", user: { id: both.platform.id, kind: "platform", tenantId: null, tenantSlug: null },
    });
    // The successful platform sign-in is audited in the platform's chain, not in any clinic's.
    expect(await asOwner("SELECT action FROM platform_audit_logs WHERE actor_id = $1", [both.platform.id])).toEqual([{ action: "auth.login" }]);
    expect(await asOwner("SELECT action FROM audit_logs WHERE actor_id = $1", [both.platform.id])).toEqual([]);
  });

  it("a second step is worth nothing for the other kind: a clinic challenge on the root host, a platform challenge naming a clinic id", async () => {
    const secret = env().NEXTAUTH_SECRET;
    const clinicChallenge = issueChallenge(secret, { userId: staff.id, tenantId: clinic.id, sessionVersion: 1 }, T0);
    const forgedRealm = issueChallenge(secret, { userId: staff.id, tenantId: PLATFORM_REALM, sessionVersion: 1 }, T0);
    const platformChallenge = issueChallenge(secret, { userId: root.id, tenantId: PLATFORM_REALM, sessionVersion: 1 }, T0);
    const step2 = (challenge: string, host: TestTenant | null) => completeSecondStep({ challenge, code: "123456" }, meta(host), { now: at(1_000) });

    expect(await step2(clinicChallenge, null)).toEqual({ ok: false, reason: "challenge" });
    expect(await step2(forgedRealm, null)).toEqual({ ok: false, reason: "challenge" });
    expect(await step2(platformChallenge, clinic)).toEqual({ ok: false, reason: "challenge" });
  });
});

describe("the shared lockout, for a platform account", () => {
  it("locks after the limit in platform_users, with its event and a platform audit row that keeps the chain intact", async () => {
    const target = await createPlatformUser();
    const ip = "198.51.100.141";
    // A minute apart: past every throttling delay, so each one is a counted wrong password.
    for (let i = 0; i < LOCKOUT_POLICY.lockAfterFailures; i++) {
      expect(await beginSignIn({ email: target.email, password: "errada" }, meta(null, ip), { now: at(i * 60_000) })).toBeNull();
    }
    const [row] = await asOwner<{ failed_login_count: number; locked: boolean }>(
      "SELECT failed_login_count, locked_at IS NOT NULL AS locked FROM platform_users WHERE id = $1", [target.id]);
    expect(row).toEqual({ failed_login_count: LOCKOUT_POLICY.lockAfterFailures, locked: true });
    expect(await beginSignIn({ email: target.email, password: target.password }, meta(null, ip), { now: at(3_600_000) })).toBeNull();

    expect(await asOwner("SELECT user_id FROM platform_security_events WHERE type = 'ACCOUNT_LOCKED' AND user_id = $1", [target.id]))
      .toEqual([{ user_id: target.id }]);
    expect(await asOwner("SELECT action, actor_id FROM platform_audit_logs WHERE entity_id = $1", [target.id]))
      .toEqual([{ action: "auth.account_locked", actor_id: null }]);
    const attempts = await asOwner<{ n: number }>("SELECT count(*)::int AS n FROM platform_login_attempts WHERE user_id = $1", [target.id]);
    expect(attempts[0]!.n).toBe(LOCKOUT_POLICY.lockAfterFailures + 1);
    expect(await withOwnerClient((c) => verifyPlatformAuditChain(c))).toMatchObject({ firstBreak: null });
  });
});
