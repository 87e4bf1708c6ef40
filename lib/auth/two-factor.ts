import { recordAudit } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import { lookupHash, openField, sealField } from "@/lib/crypto/config";
import { verifyPassword } from "@/lib/crypto/password";
import { withTenant } from "@/lib/db/tenant";
import { AppError, unauthorized } from "@/lib/errors";
import { findTenant } from "@/lib/tenancy/current";
import { checkTotp, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, qrDataUrl, totpUri } from "./two-factor-totp";

// The signed-in user's own second factor: enrol TOTP, confirm it, disable it. While enrolment
// is pending the sealed secret sits in users.totp_secret_enc with totp_enabled_at NULL, and
// sign-in ignores it until a first code proves the app holds the same secret.
// Enabling does not end the current session (it was opened by this very person, and the next
// sign-in will ask for the code); disabling does, since it weakens every session.

/** AAD column of the sealed secret: the ciphertext opens only in this tenant and column. */
export const TOTP_SECRET_COLUMN = "users.totp_secret_enc";

/** Keyed hash (not plain SHA-256): a leaked table cannot be brute-forced without the key. */
export const recoveryCodeHash = (tenantId: string, userId: string, normalized: string) =>
  lookupHash(tenantId, "recovery-code", `${userId}:${normalized}`);

export type TwoFactorStatus = { enabled: boolean; enabledAt: Date | null; recoveryCodesLeft: number };
export type TotpEnrolment = { secret: string; uri: string; qrDataUrl: string };

function selfOf(ctx: Context) {
  if (!ctx.user) throw unauthorized();
  return ctx.user;
}

export async function getTwoFactorStatus(ctx: Context): Promise<TwoFactorStatus> {
  const self = selfOf(ctx);
  return withTenant(ctx, async (tx) => {
    const user = await tx.user.findFirst({ where: { id: self.id }, select: { totpEnabledAt: true } });
    const left = await tx.twoFactorToken.count({ where: { userId: self.id, channel: "RECOVERY_CODE", consumedAt: null } });
    return { enabled: !!user?.totpEnabledAt, enabledAt: user?.totpEnabledAt ?? null, recoveryCodesLeft: user?.totpEnabledAt ? left : 0 };
  });
}

/** A new pending secret (replacing any unconfirmed one); refused while 2FA is already on. */
export async function startTotpEnrolment(ctx: Context): Promise<TotpEnrolment> {
  const self = selfOf(ctx);
  const secret = newTotpSecret();
  const tenant = await findTenant(ctx.tenantSlug);
  await withTenant(ctx, async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: self.id, totpEnabledAt: null },
      data: { totpSecretEnc: sealField(ctx.tenantId, TOTP_SECRET_COLUMN, secret), totpLastStep: null },
    });
    if (count !== 1) throw new AppError("conflict", "A verificação em duas etapas já está ativa.");
    await recordAudit(tx, ctx, { action: "user.two_factor_enrolment_started", entityType: "user", entityId: self.id });
  });
  const uri = totpUri(secret, tenant?.name ?? ctx.tenantSlug, self.email);
  return { secret, uri, qrDataUrl: await qrDataUrl(uri) };
}

/** Turns TOTP on with a first valid code; returns the recovery codes, the only time they exist in clear. */
export async function confirmTotpEnrolment(ctx: Context, code: string, now: Date = new Date()): Promise<{ recoveryCodes: string[] }> {
  const self = selfOf(ctx);
  const codes = newRecoveryCodes();
  await withTenant(ctx, async (tx) => {
    const user = await tx.user.findFirst({ where: { id: self.id }, select: { totpSecretEnc: true, totpEnabledAt: true } });
    if (!user?.totpSecretEnc || user.totpEnabledAt) throw new AppError("conflict", "Nenhum cadastro de autenticador em andamento.");
    const check = await checkTotp(openField(ctx.tenantId, TOTP_SECRET_COLUMN, user.totpSecretEnc), code, null, now.getTime());
    if (!check.ok) throw new AppError("validation", "Código inválido. Confira o relógio do celular e tente de novo.", { code: ["Código inválido."] });
    // The confirming code's step is spent, so it cannot be replayed at the next sign-in either.
    const { count } = await tx.user.updateMany({
      where: { id: self.id, totpEnabledAt: null },
      data: { totpEnabledAt: now, totpLastStep: BigInt(check.step) },
    });
    if (count !== 1) throw new AppError("conflict", "A verificação em duas etapas já está ativa.");
    // Leftovers from an earlier enrolment stop working (the app role cannot delete rows).
    await tx.twoFactorToken.updateMany({ where: { userId: self.id, channel: "RECOVERY_CODE", consumedAt: null }, data: { consumedAt: now } });
    await tx.twoFactorToken.createMany({
      data: codes.map((c) => ({
        userId: self.id, channel: "RECOVERY_CODE" as const, purpose: "sign_in",
        codeHash: recoveryCodeHash(ctx.tenantId, self.id, normalizeRecoveryCode(c)!),
      })),
    });
    await recordAudit(tx, ctx, {
      action: "user.two_factor_enabled", entityType: "user", entityId: self.id, metadata: { channel: "TOTP", recoveryCodes: codes.length },
    });
  });
  return { recoveryCodes: codes };
}

/** Needs the current password (a walked-away-from session must not be enough); ends every session. */
export async function disableTwoFactor(ctx: Context, currentPassword: string, now: Date = new Date()): Promise<void> {
  const self = selfOf(ctx);
  const user = await withTenant(ctx, (tx) => tx.user.findFirst({ where: { id: self.id }, select: { passwordHash: true, totpEnabledAt: true } }));
  // argon2 outside the transaction, as at sign-in.
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError("validation", "Senha atual incorreta.", { currentPassword: ["Senha atual incorreta."] });
  }
  if (!user.totpEnabledAt) throw new AppError("conflict", "A verificação em duas etapas não está ativa.");
  await withTenant(ctx, async (tx) => {
    await tx.user.update({
      where: { id: self.id },
      data: { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null, sessionVersion: { increment: 1 } },
      select: { id: true },
    });
    await tx.twoFactorToken.updateMany({ where: { userId: self.id, consumedAt: null }, data: { consumedAt: now } });
    await recordAudit(tx, ctx, { action: "user.two_factor_disabled", entityType: "user", entityId: self.id, riskScore: 40 });
  });
}
