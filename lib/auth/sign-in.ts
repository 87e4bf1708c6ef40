import { z } from "zod";
import { text } from "@/lib/validation/text";
import { lookupHash } from "@/lib/crypto/config";
import { verifyPasswordOrDummy } from "@/lib/crypto/password";
import type { Tx } from "@/lib/db/client";
import { systemDb } from "@/lib/db/system";
import { withTenant } from "@/lib/db/tenant";
import { env } from "@/lib/env";
import { findTenant } from "@/lib/tenancy/current";
import type { RequestMeta } from "@/lib/request";
import { clinicAccounts, platformAccounts, type Account, type AccountStore } from "./account-store";
import { checkGate, registerFailure, systemClock, type Clock, type Gate } from "./lockout";
import { issueChallenge, PLATFORM_REALM } from "./two-factor-challenge";
import { sendSignInCode, type MessageDeps } from "./two-factor-message";
import { methodOf } from "./two-factor-policy";
import type { TwoFactorPrompt } from "./two-factor-protocol";

// Password sign-in for one tenant, or for the platform on the root host (no tenant): the same
// rules over two account stores (account-store.ts), so a clinic user can only ever be found on
// their clinic's host and a super admin only on the root host. Every attempt is
// recorded; a failure answers the same way whether the e-mail exists, the password is wrong, the
// account is throttled or locked, and takes about as long (a dummy argon2 verification whenever
// no real one runs). Lockout and throttling rules live in lockout.ts.
//
// A user with a second factor (TOTP, or a code by e-mail or SMS) gets no session from the
// password alone: beginSignIn answers with a signed challenge (two-factor-challenge.ts), sends
// the code when the factor is a message, and two-factor-sign-in.ts finishes the sign-in.

export const credentialsSchema = z.object({
  email: text().trim().toLowerCase().email().max(254),
  password: text().min(1).max(1024),
});

type SignedIn = { id: string; name: string; email: string; sessionVersion: number };

/** A clinic user of one tenant (users), or a platform super admin (platform_users): never both. */
export type ClinicSessionUser = SignedIn & { kind: "clinic"; tenantId: string; tenantSlug: string };
export type PlatformSessionUser = SignedIn & { kind: "platform"; tenantId: null; tenantSlug: null };
export type SessionUser = ClinicSessionUser | PlatformSessionUser;

export type SignInDeps = { now?: Clock; delivery?: MessageDeps };

/** Outcome of the password step: a session, or a second factor still owed. */
export type SignInStep = { kind: "session"; user: SessionUser } | ({ kind: "two_factor" } & TwoFactorPrompt);

/** The part of a two-factor step the client sees (the form, or the API's login answer). */
export const promptOf = (s: Extract<SignInStep, { kind: "two_factor" }>): TwoFactorPrompt =>
  ({ challenge: s.challenge, method: s.method, ...(s.destination ? { destination: s.destination } : {}) });

/** Runs a unit of work in the attempt's scope (tenant or platform), as `user` when known. */
type Scope = <T>(user: { id: string } | null, fn: (tx: Tx) => Promise<T>) => Promise<T>;

/** Where an attempt happens: the account store, its transaction, the key of its e-mail hashes. */
type Realm = { store: AccountStore; scope: Scope; hashKey: string };

function failureReason(user: Account | null, gate: Gate): string {
  if (!user) return "unknown_user";
  if (user.status !== "ACTIVE") return "inactive_user";
  return gate === "locked" ? "account_locked" : "bad_password";
}

async function recordOutcome(store: AccountStore, tx: Tx, meta: RequestMeta, emailHash: string, user: Account | null, ok: boolean, gate: Gate, at: Date) {
  // createdAt from the same clock the gate reads, so delays are measured on one time line.
  await store.recordAttempt(tx, { userId: user?.id ?? null, emailHash, ip: meta.ip ?? "unknown", succeeded: ok, createdAt: at });
  if (ok && user && methodOf(user)) {
    // Password right, second factor owed: the failure counter is NOT reset here, or knowing the
    // password would buy unlimited guesses at the code (two-factor-sign-in.ts resets it).
    return;
  }
  if (ok && user) {
    await store.markSignedIn(tx, user.id, at);
    await store.audit(tx, { ...meta, user }, { action: "auth.login", entityType: "user", entityId: user.id });
    return;
  }
  if (gate === "ip_blocked" || gate === "throttled") {
    await store.securityEvent(tx, meta, {
      type: "RATE_LIMITED", severity: "MEDIUM", userId: user?.id ?? null, details: { reason: gate === "ip_blocked" ? "ip" : "account" },
    });
  } else {
    await store.securityEvent(tx, meta, {
      type: "LOGIN_FAILED", severity: user ? "MEDIUM" : "LOW", userId: user?.id ?? null, details: { reason: failureReason(user, gate) },
    });
  }
  // Only an active, unlocked account accumulates failures; refusals by IP say nothing about it.
  if (!user || user.status !== "ACTIVE" || user.lockedAt || gate === "ip_blocked") return;
  const { failures, lockedNow } = await registerFailure(store, tx, user.id, at);
  if (!lockedNow) return;
  await store.securityEvent(tx, meta, { type: "ACCOUNT_LOCKED", severity: "HIGH", userId: user.id, details: { failures } });
  // A lock changes the account row: audited, by the system (no actor), in the same transaction.
  await store.audit(tx, { ...meta, user: null }, {
    action: "auth.account_locked", entityType: "user", entityId: user.id, metadata: { failures }, riskScore: 70,
  });
}

async function attempt({ store, scope, hashKey }: Realm, email: string, password: string, meta: RequestMeta, now: Clock) {
  const at = now();
  const emailHash = lookupHash(hashKey, "login-email", email);
  const { user, gate } = await scope(null, async (tx) => {
    const user = await store.findByEmail(tx, email);
    return { user, gate: await checkGate(store, tx, meta.ip, user, at) };
  });
  let ok = false;
  // Verify outside the transaction: argon2 costs ~20 ms and should not hold a connection.
  if (gate === "open") ok = (await verifyPasswordOrDummy(user?.passwordHash, password)) && user?.status === "ACTIVE";
  // Throttled or locked: the password is not checked, but the dummy verification keeps the
  // timing of a normal failure. An IP block skips it: shedding that CPU is its purpose, and it
  // does not depend on the account, so it reveals nothing about it.
  else if (gate !== "ip_blocked") await verifyPasswordOrDummy(null, password);
  await scope(user, (tx) => recordOutcome(store, tx, meta, emailHash, user, ok, gate, at));
  return ok && user ? { user: pick(user), method: methodOf(user), phone: user.phone } : null;
}

/** Password sign-in that yields a session only for accounts without a second factor. */
export async function authenticate(input: unknown, meta: RequestMeta, deps: SignInDeps = {}): Promise<SessionUser | null> {
  const step = await beginSignIn(input, meta, deps);
  return step?.kind === "session" ? step.user : null;
}

/** Step 1 of sign-in: the password. Null for every failure (one generic answer). */
export async function beginSignIn(input: unknown, meta: RequestMeta, deps: SignInDeps = {}): Promise<SignInStep | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const now = deps.now ?? systemClock;

  if (meta.tenantSlug) {
    const tenant = await findTenant(meta.tenantSlug);
    if (!tenant || tenant.status !== "ACTIVE") {
      await verifyPasswordOrDummy(null, password);
      return null;
    }
    const scope: Scope = (user, fn) => withTenant({ tenantId: tenant.id, requestId: meta.requestId, user }, fn);
    const passed = await attempt({ store: clinicAccounts(tenant.id), scope, hashKey: tenant.id }, email, password, meta, now);
    if (!passed) return null;
    const { user, method, phone } = passed;
    if (method) {
      const claims = { userId: user.id, tenantId: tenant.id, sessionVersion: user.sessionVersion };
      const challenge = issueChallenge(env().NEXTAUTH_SECRET, claims, now().getTime());
      if (method === "totp") return { kind: "two_factor", challenge, method };
      const destination = await sendSignInCode({ tenant, user: { ...user, phone }, method, meta, now: now(), deps: deps.delivery });
      return { kind: "two_factor", challenge, method, destination };
    }
    return { kind: "session", user: { ...user, kind: "clinic", tenantId: tenant.id, tenantSlug: tenant.slug } };
  }

  // The root host: platform accounts only. Super admins may turn on TOTP (lib/platform/two-factor.ts);
  // codes by message are clinic-only, and the platform store never reports one.
  const scope: Scope = (user, fn) => systemDb.withPlatform(meta.requestId, user?.id ?? null, fn);
  const passed = await attempt({ store: platformAccounts, scope, hashKey: PLATFORM_REALM }, email, password, meta, now);
  if (!passed) return null;
  if (passed.method) {
    const claims = { userId: passed.user.id, tenantId: PLATFORM_REALM, sessionVersion: passed.user.sessionVersion };
    return { kind: "two_factor", challenge: issueChallenge(env().NEXTAUTH_SECRET, claims, now().getTime()), method: "totp" };
  }
  return { kind: "session", user: { ...passed.user, kind: "platform", tenantId: null, tenantSlug: null } };
}

const pick = (u: Account) => ({ id: u.id, name: u.name, email: u.email, sessionVersion: u.sessionVersion });
