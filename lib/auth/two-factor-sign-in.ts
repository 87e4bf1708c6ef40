import { z } from "zod";
import { recordAudit, recordSecurityEvent } from "@/lib/audit/record";
import { lookupHash, openField } from "@/lib/crypto/config";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { env } from "@/lib/env";
import type { RequestMeta } from "@/lib/request";
import { findTenant } from "@/lib/tenancy/current";
import { checkGate, registerFailure, systemClock } from "./lockout";
import type { SessionUser, SignInDeps } from "./sign-in";
import { readChallenge } from "./two-factor-challenge";
import { checkTotp, classifySecondFactor } from "./two-factor-totp";
import { TOTP_SECRET_COLUMN, recoveryCodeHash } from "./two-factor";

// Step 2 of sign-in: a challenge from step 1 plus a TOTP code (or a recovery code). Failures
// count toward the same lockout as wrong passwords (login_attempts + failed_login_count), and
// each leaves a TWO_FACTOR_FAILED or TWO_FACTOR_REPLAY security event. A TOTP code is accepted
// once: the step it belongs to is claimed with a conditional UPDATE on users.totp_last_step,
// so two concurrent requests with the same code cannot both win.

export const secondFactorSchema = z.object({ challenge: z.string().min(1).max(1024), code: z.string().min(1).max(64) });

type Outcome = { ok: true; factor: "totp" | "recovery_code" } | { ok: false; reason: "invalid" | "replay" | "blocked" };

export async function completeSignIn(input: unknown, meta: RequestMeta, deps: SignInDeps = {}): Promise<SessionUser | null> {
  const parsed = secondFactorSchema.safeParse(input);
  if (!parsed.success || !meta.tenantSlug) return null;
  const at = (deps.now ?? systemClock)();
  const claims = readChallenge(env().NEXTAUTH_SECRET, parsed.data.challenge, at.getTime());
  const tenant = await findTenant(meta.tenantSlug);
  // A challenge minted for another clinic's host is worth nothing here.
  if (!claims || !tenant || tenant.status !== "ACTIVE" || claims.tenantId !== tenant.id) return null;

  const scope = { tenantId: tenant.id, requestId: meta.requestId, user: { id: claims.userId } };
  return withTenant(scope, async (tx) => {
    const user = await tx.user.findFirst({
      where: { id: claims.userId },
      select: {
        id: true, name: true, email: true, status: true, sessionVersion: true, failedLoginCount: true,
        lockedAt: true, totpSecretEnc: true, totpEnabledAt: true, totpLastStep: true,
      },
    });
    // Disabled, 2FA switched off, or the session version moved since step 1: the challenge is void.
    if (!user || user.status !== "ACTIVE" || user.sessionVersion !== claims.sessionVersion || !user.totpEnabledAt || !user.totpSecretEnc) return null;
    const gate = await checkGate(tx, meta.ip, user, at);
    const outcome: Outcome = gate === "open" ? await verifyFactor(tx, tenant.id, user, parsed.data.code, at) : { ok: false, reason: "blocked" };
    await tx.loginAttempt.create({
      data: { userId: user.id, emailHash: lookupHash(tenant.id, "login-email", user.email), ip: meta.ip ?? "unknown", succeeded: outcome.ok, createdAt: at },
    });
    if (outcome.ok) {
      await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: at, failedLoginCount: 0 }, select: { id: true } });
      await recordAudit(tx, { ...meta, user }, { action: "auth.login", entityType: "user", entityId: user.id, metadata: { secondFactor: outcome.factor } });
      return { id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion, tenantId: tenant.id, tenantSlug: tenant.slug };
    }
    await recordFailure(tx, meta, user.id, outcome.reason, gate, at);
    return null;
  });
}

type Enrolled = { id: string; totpSecretEnc: string | null; totpLastStep: bigint | null };

async function verifyFactor(tx: Tx, tenantId: string, user: Enrolled, typed: string, at: Date): Promise<Outcome> {
  const factor = classifySecondFactor(typed);
  if (!factor) return { ok: false, reason: "invalid" };
  if (factor.kind === "recovery") {
    // Single use: only the UPDATE that flips consumed_at from NULL wins.
    const { count } = await tx.twoFactorToken.updateMany({
      where: { userId: user.id, channel: "RECOVERY_CODE", codeHash: recoveryCodeHash(tenantId, user.id, factor.code), consumedAt: null },
      data: { consumedAt: at },
    });
    return count === 1 ? { ok: true, factor: "recovery_code" } : { ok: false, reason: "invalid" };
  }
  const secret = openField(tenantId, TOTP_SECRET_COLUMN, user.totpSecretEnc!);
  const last = user.totpLastStep === null ? null : Number(user.totpLastStep);
  const check = await checkTotp(secret, factor.code, last, at.getTime());
  if (!check.ok) return check;
  const step = BigInt(check.step);
  const { count } = await tx.user.updateMany({
    where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return count === 1 ? { ok: true, factor: "totp" } : { ok: false, reason: "replay" };
}

async function recordFailure(tx: Tx, meta: RequestMeta, userId: string, reason: "invalid" | "replay" | "blocked", gate: string, at: Date) {
  if (reason === "blocked") {
    await recordSecurityEvent(tx, meta, { type: "RATE_LIMITED", severity: "MEDIUM", userId, details: { reason: gate === "ip_blocked" ? "ip" : gate, step: "two_factor" } });
  } else {
    await recordSecurityEvent(tx, meta, {
      type: reason === "replay" ? "TWO_FACTOR_REPLAY" : "TWO_FACTOR_FAILED", severity: reason === "replay" ? "HIGH" : "MEDIUM", userId, details: { reason },
    });
  }
  if (gate === "ip_blocked" || gate === "locked") return;
  const { failures, lockedNow } = await registerFailure(tx, userId, at);
  if (!lockedNow) return;
  await recordSecurityEvent(tx, meta, { type: "ACCOUNT_LOCKED", severity: "HIGH", userId, details: { failures } });
  await recordAudit(tx, { ...meta, user: null }, {
    action: "auth.account_locked", entityType: "user", entityId: userId, metadata: { failures, step: "two_factor" }, riskScore: 70,
  });
}
