import { recordAudit, recordSecurityEvent } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import { lookupHash, openField, sealField } from "@/lib/crypto/config";
import { verifyPassword } from "@/lib/crypto/password";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { AppError, unauthorized } from "@/lib/errors";
import { findTenant } from "@/lib/tenancy/current";
import { FACTOR_COLUMNS, methodOf } from "./two-factor-policy";
import type { SecondFactorMethod } from "./two-factor-protocol";
import { checkTotp, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, qrDataUrl, totpUri } from "./two-factor-totp";

// The signed-in user's own second factor: enrol TOTP, confirm it, disable it (codes by e-mail
// or SMS are enrolled in two-factor-otp-enrolment.ts; one method at a time). While enrolment
// is pending the sealed secret sits in users.totp_secret_enc with totp_enabled_at NULL, and
// sign-in ignores it until a first code proves the app holds the same secret.
// Enabling does not end the current session (it was opened by this very person, and the next
// sign-in will ask for the code); disabling does, since it weakens every session.

/** AAD column of the sealed secret: the ciphertext opens only in this tenant and column. */
export const TOTP_SECRET_COLUMN = "users.totp_secret_enc";

/** Keyed hash (not plain SHA-256): a leaked table cannot be brute-forced without the key. */
export const recoveryCodeHash = (tenantId: string, userId: string, normalized: string) =>
  lookupHash(tenantId, "recovery-code", `${userId}:${normalized}`);

export type TwoFactorStatus = {
  enabled: boolean; method: SecondFactorMethod | null; enabledAt: Date | null; recoveryCodesLeft: number; phone: string | null;
};

const ALREADY_ON = "A verificação em duas etapas já está ativa.";

/** Ten fresh recovery codes (earlier ones stop working); the only time they exist in clear. */
export async function replaceRecoveryCodes(tx: Tx, tenantId: string, userId: string, now: Date): Promise<string[]> {
  const codes = newRecoveryCodes();
  // Leftovers from an earlier enrolment stop working (the app role cannot delete rows).
  await tx.twoFactorToken.updateMany({ where: { userId, channel: "RECOVERY_CODE", consumedAt: null }, data: { consumedAt: now } });
  await tx.twoFactorToken.createMany({
    data: codes.map((c) => ({
      userId, channel: "RECOVERY_CODE" as const, purpose: "sign_in",
      codeHash: recoveryCodeHash(tenantId, userId, normalizeRecoveryCode(c)!),
    })),
  });
  return codes;
}
export type TotpEnrolment = { secret: string; uri: string; qrDataUrl: string };

function selfOf(ctx: Context) {
  if (!ctx.user) throw unauthorized();
  return ctx.user;
}

export async function getTwoFactorStatus(ctx: Context): Promise<TwoFactorStatus> {
  const self = selfOf(ctx);
  return withTenant(ctx, async (tx) => {
    const user = await tx.user.findFirst({ where: { id: self.id }, select: { phone: true, ...FACTOR_COLUMNS } });
    const method = user ? methodOf(user) : null;
    const left = method ? await tx.twoFactorToken.count({ where: { userId: self.id, channel: "RECOVERY_CODE", consumedAt: null } }) : 0;
    const enabledAt = method === "totp" ? user!.totpEnabledAt : (user?.otpEnabledAt ?? null);
    return { enabled: method !== null, method, enabledAt, recoveryCodesLeft: left, phone: user?.phone ?? null };
  });
}

/** A new pending secret (replacing any unconfirmed one); refused while 2FA is already on. */
export async function startTotpEnrolment(ctx: Context): Promise<TotpEnrolment> {
  const self = selfOf(ctx);
  const secret = newTotpSecret();
  const tenant = await findTenant(ctx.tenantSlug);
  await withTenant(ctx, async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: self.id, totpEnabledAt: null, otpEnabledAt: null },
      data: { totpSecretEnc: sealField(ctx.tenantId, TOTP_SECRET_COLUMN, secret), totpLastStep: null },
    });
    if (count !== 1) throw new AppError("conflict", ALREADY_ON);
    await recordAudit(tx, ctx, { action: "user.two_factor_enrolment_started", entityType: "user", entityId: self.id });
  });
  const uri = totpUri(secret, tenant?.name ?? ctx.tenantSlug, self.email);
  return { secret, uri, qrDataUrl: await qrDataUrl(uri) };
}

/** Turns TOTP on with a first valid code; returns the recovery codes, the only time they exist in clear. */
export async function confirmTotpEnrolment(ctx: Context, code: string, now: Date = new Date()): Promise<{ recoveryCodes: string[] }> {
  const self = selfOf(ctx);
  const codes = await withTenant(ctx, async (tx) => {
    const user = await tx.user.findFirst({ where: { id: self.id }, select: { totpSecretEnc: true, ...FACTOR_COLUMNS } });
    if (user && methodOf(user)) throw new AppError("conflict", ALREADY_ON);
    if (!user?.totpSecretEnc) throw new AppError("conflict", "Nenhum cadastro de autenticador em andamento.");
    const check = await checkTotp(openField(ctx.tenantId, TOTP_SECRET_COLUMN, user.totpSecretEnc), code, null, now.getTime());
    if (!check.ok) {
      // Committed, then refused (below): the failure is on record, nothing else changed.
      await recordSecurityEvent(tx, ctx, { type: "TWO_FACTOR_FAILED", severity: "LOW", userId: self.id, details: { reason: "invalid", step: "enrolment", method: "totp" } });
      return null;
    }
    // The confirming code's step is spent, so it cannot be replayed at the next sign-in either.
    const { count } = await tx.user.updateMany({
      where: { id: self.id, totpEnabledAt: null, otpEnabledAt: null },
      data: { totpEnabledAt: now, totpLastStep: BigInt(check.step) },
    });
    if (count !== 1) throw new AppError("conflict", ALREADY_ON);
    const codes = await replaceRecoveryCodes(tx, ctx.tenantId, self.id, now);
    await recordAudit(tx, ctx, {
      action: "user.two_factor_enabled", entityType: "user", entityId: self.id, metadata: { channel: "TOTP", recoveryCodes: codes.length },
    });
    return codes;
  });
  if (!codes) throw new AppError("validation", "Código inválido. Confira o relógio do celular e tente de novo.", { code: ["Código inválido."] });
  return { recoveryCodes: codes };
}

/** Needs the current password (a walked-away-from session must not be enough); ends every session. */
export async function disableTwoFactor(ctx: Context, currentPassword: string, now: Date = new Date()): Promise<void> {
  const self = selfOf(ctx);
  const user = await withTenant(ctx, (tx) => tx.user.findFirst({ where: { id: self.id }, select: { passwordHash: true, ...FACTOR_COLUMNS } }));
  // argon2 outside the transaction, as at sign-in.
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError("validation", "Senha atual incorreta.", { currentPassword: ["Senha atual incorreta."] });
  }
  const method = methodOf(user);
  if (!method) throw new AppError("conflict", "A verificação em duas etapas não está ativa.");
  await withTenant(ctx, async (tx) => {
    await tx.user.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: self.id } },
      data: { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null, otpChannel: null, otpEnabledAt: null, sessionVersion: { increment: 1 } },
      select: { id: true },
    });
    await tx.twoFactorToken.updateMany({ where: { userId: self.id, consumedAt: null }, data: { consumedAt: now } });
    await recordAudit(tx, ctx, { action: "user.two_factor_disabled", entityType: "user", entityId: self.id, riskScore: 40, metadata: { method } });
  });
}
