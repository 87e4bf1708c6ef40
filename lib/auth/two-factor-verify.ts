import { lookupHash, openField } from "@/lib/crypto/config";
import type { Tx } from "@/lib/db/client";
import type { RequestMeta } from "@/lib/request";
import type { AccountStore } from "./account-store";
import { checkGate, registerFailure } from "./lockout";
import type { SessionUser } from "./sign-in";
import type { ChallengeClaims } from "./two-factor-challenge";
import { consumeOtp } from "./one-time-codes";
import { methodOf } from "./two-factor-policy";
import type { SecondFactorMethod } from "./two-factor-protocol";
import { checkTotp, classifySecondFactor } from "./two-factor-totp";
import { TOTP_SECRET_COLUMN, recoveryCodeHash } from "./two-factor";

// The core of step 2 of sign-in, for a clinic or for the platform (a "realm": its account store,
// how to open its transaction, and what its rows are keyed by). Given a genuine challenge from step 1: a TOTP
// code, a code sent by e-mail or SMS (one-time-codes.ts: 10 minutes, 5 tries, single use), or a
// recovery code (clinics only). Failures count toward the same lockout as wrong passwords
// (attempt rows + failed_login_count), and each leaves a TWO_FACTOR_FAILED or
// TWO_FACTOR_REPLAY security event. A TOTP code is accepted once: the step it belongs to is
// claimed with a conditional UPDATE on the account's totp_last_step, so two concurrent requests
// with the same code cannot both win.

export type Failure = "invalid" | "replay" | "blocked";
type Outcome = { ok: true; factor: SecondFactorMethod | "recovery_code" } | { ok: false; reason: Failure };

/** Step 2 with the reason of a refusal (the form and the API say "already used" for a replay). */
export type SecondStepResult = { ok: true; user: SessionUser } | { ok: false; reason: Failure | "challenge" };

/**
 * Where the sign-in happens. `key` is the clinic's id, or "platform": it keys the sealed TOTP
 * secret and the e-mail hash of login_attempts, as at step 1.
 */
export type Realm = {
  key: string;
  store: AccountStore;
  /** The session of an account that passed, as the realm's kind (clinic of this host, or platform). */
  session: (user: { id: string; name: string; email: string; sessionVersion: number }) => SessionUser;
  run: <T>(userId: string, fn: (tx: Tx) => Promise<T>) => Promise<T>;
  /** two_factor_tokens is tenant data: platform accounts have no recovery or message codes. */
  tokens: boolean;
};

export async function secondStepIn(realm: Realm, claims: ChallengeClaims, code: string, meta: RequestMeta, at: Date): Promise<SecondStepResult> {
  const { store } = realm;
  return realm.run(claims.userId, async (tx) => {
    const user = await store.findById(tx, claims.userId);
    // Disabled, 2FA switched off, or the session version moved since step 1: the challenge is void.
    const method = user ? methodOf(user) : null;
    if (!user || !method || user.status !== "ACTIVE" || user.sessionVersion !== claims.sessionVersion) return { ok: false, reason: "challenge" };
    const gate = await checkGate(store, tx, meta.ip, user, at);
    const outcome: Outcome = gate === "open" ? await verifyFactor(tx, realm, { ...user, method }, code, at) : { ok: false, reason: "blocked" };
    await store.recordAttempt(tx, {
      userId: user.id, emailHash: lookupHash(realm.key, "login-email", user.email), ip: meta.ip ?? "unknown", succeeded: outcome.ok, createdAt: at,
    });
    if (outcome.ok) {
      await store.markSignedIn(tx, user.id, at);
      await store.audit(tx, { ...meta, user }, { action: "auth.login", entityType: "user", entityId: user.id, metadata: { secondFactor: outcome.factor } });
      return { ok: true, user: realm.session({ id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion }) };
    }
    await recordFailure(store, tx, meta, user.id, outcome.reason, gate, at, method);
    return { ok: false, reason: outcome.reason };
  });
}

type Enrolled = { id: string; method: SecondFactorMethod; totpSecretEnc: string | null; totpLastStep: bigint | null };

async function verifyFactor(tx: Tx, realm: Realm, user: Enrolled, typed: string, at: Date): Promise<Outcome> {
  const tenantId = realm.key; // "platform" for super admins: it only keys their sealed TOTP secret
  const factor = classifySecondFactor(typed);
  if (!factor || (!realm.tokens && (factor.kind === "recovery" || user.method !== "totp"))) return { ok: false, reason: "invalid" };
  if (factor.kind === "recovery") {
    // Single use: only the UPDATE that flips consumed_at from NULL wins.
    const { count } = await tx.twoFactorToken.updateMany({
      where: { userId: user.id, channel: "RECOVERY_CODE", codeHash: recoveryCodeHash(tenantId, user.id, factor.code), consumedAt: null },
      data: { consumedAt: at },
    });
    return count === 1 ? { ok: true, factor: "recovery_code" } : { ok: false, reason: "invalid" };
  }
  if (user.method !== "totp") {
    const channel = user.method === "email" ? "EMAIL" : "SMS";
    const check = await consumeOtp(tx, { tenantId, userId: user.id, channel, purpose: "sign_in", code: factor.code, now: at });
    return check === "ok" ? { ok: true, factor: user.method } : { ok: false, reason: "invalid" };
  }
  if (!user.totpSecretEnc) return { ok: false, reason: "invalid" };
  const secret = openField(tenantId, TOTP_SECRET_COLUMN, user.totpSecretEnc!);
  const last = user.totpLastStep === null ? null : Number(user.totpLastStep);
  const check = await checkTotp(secret, factor.code, last, at.getTime());
  if (!check.ok) return check;
  return (await realm.store.claimTotpStep(tx, user.id, BigInt(check.step))) ? { ok: true, factor: "totp" } : { ok: false, reason: "replay" };
}

async function recordFailure(store: AccountStore, tx: Tx, meta: RequestMeta, userId: string, reason: Failure, gate: string, at: Date, method: SecondFactorMethod) {
  if (reason === "blocked") {
    await store.securityEvent(tx, meta, { type: "RATE_LIMITED", severity: "MEDIUM", userId, details: { reason: gate === "ip_blocked" ? "ip" : gate, step: "two_factor" } });
  } else {
    await store.securityEvent(tx, meta, {
      type: reason === "replay" ? "TWO_FACTOR_REPLAY" : "TWO_FACTOR_FAILED", severity: reason === "replay" ? "HIGH" : "MEDIUM", userId, details: { reason, method },
    });
  }
  if (gate === "ip_blocked" || gate === "locked") return;
  const { failures, lockedNow } = await registerFailure(store, tx, userId, at);
  if (!lockedNow) return;
  await store.securityEvent(tx, meta, { type: "ACCOUNT_LOCKED", severity: "HIGH", userId, details: { failures } });
  await store.audit(tx, { ...meta, user: null }, {
    action: "auth.account_locked", entityType: "user", entityId: userId, metadata: { failures, step: "two_factor" }, riskScore: 70,
  });
}
