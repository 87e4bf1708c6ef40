import { recordPlatformAudit, recordPlatformSecurityEvent } from "@/lib/audit/record";
import { openField, sealField } from "@/lib/crypto/config";
import { verifyPassword } from "@/lib/crypto/password";
import { systemDb } from "@/lib/db/system";
import { AppError, unauthorized } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request";
import { platformAccounts } from "@/lib/auth/account-store";
import type { PlatformContext } from "@/lib/auth/session";
import { TOTP_SECRET_COLUMN } from "@/lib/auth/two-factor";
import { PLATFORM_REALM, type ChallengeClaims } from "@/lib/auth/two-factor-challenge";
import { checkTotp, newTotpSecret, qrDataUrl, totpUri } from "@/lib/auth/two-factor-totp";
import { secondStepIn, type SecondStepResult } from "@/lib/auth/two-factor-verify";

// Optional TOTP for platform super admins (root host, platform_users). They belong to no clinic,
// so the sealed secret is keyed by "platform" and there are no recovery codes (two_factor_tokens
// is tenant data): a super admin who loses the device is reset by the database owner (see
// docs/security.md). Sign-in, replay refusal and lockout are the clinics' (two-factor-verify.ts),
// over the platform's account store.

const PLATFORM_KEY = PLATFORM_REALM;
/**
 * The AAD column of the sealed secret. Platform secrets were first sealed in users.totp_secret_enc
 * and moved unchanged to platform_users (20261202100100_platform_accounts_move_sql), so the
 * binding keeps that name; a clinic's secret still never opens here (its key is the clinic's id).
 */
const PLATFORM_TOTP_COLUMN = TOTP_SECRET_COLUMN;

function selfOf(ctx: PlatformContext) {
  if (!ctx.user) throw unauthorized();
  return ctx.user;
}

const inPlatform = <T>(ctx: Pick<PlatformContext, "requestId">, userId: string, fn: Parameters<typeof systemDb.withPlatform<T>>[2]) =>
  systemDb.withPlatform(ctx.requestId, userId, fn);

/** Step 2 on the root host: only a challenge minted by the platform's own step 1 counts. */
export async function completePlatformSecondStep(claims: ChallengeClaims, code: string, meta: RequestMeta, at: Date): Promise<SecondStepResult> {
  if (claims.tenantId !== PLATFORM_KEY) return { ok: false, reason: "challenge" };
  return secondStepIn({
    key: PLATFORM_KEY, store: platformAccounts, tokens: false,
    session: (user) => ({ ...user, kind: "platform", tenantId: null, tenantSlug: null }),
    run: (userId, fn) => systemDb.withPlatform(meta.requestId, userId, fn),
  }, claims, code, meta, at);
}

export async function getPlatformTwoFactorStatus(ctx: PlatformContext): Promise<{ enabled: boolean }> {
  const self = selfOf(ctx);
  const row = await inPlatform(ctx, self.id, (tx) => tx.platformUser.findFirst({ where: { id: self.id }, select: { totpEnabledAt: true } }));
  return { enabled: !!row?.totpEnabledAt };
}

export async function startPlatformTotp(ctx: PlatformContext): Promise<{ secret: string; uri: string; qrDataUrl: string }> {
  const self = selfOf(ctx);
  const secret = newTotpSecret();
  await inPlatform(ctx, self.id, async (tx) => {
    const { count } = await tx.platformUser.updateMany({
      where: { id: self.id, totpEnabledAt: null },
      data: { totpSecretEnc: sealField(PLATFORM_KEY, PLATFORM_TOTP_COLUMN, secret), totpLastStep: null },
    });
    if (count !== 1) throw new AppError("conflict", "A verificação em duas etapas já está ativa.");
    await recordPlatformAudit(tx, ctx, { action: "user.two_factor_enrolment_started", entityType: "user", entityId: self.id });
  });
  const uri = totpUri(secret, "Plataforma", self.email);
  return { secret, uri, qrDataUrl: await qrDataUrl(uri) };
}

export async function confirmPlatformTotp(ctx: PlatformContext, code: string, now: Date = new Date()): Promise<void> {
  const self = selfOf(ctx);
  const ok = await inPlatform(ctx, self.id, async (tx) => {
    const user = await tx.platformUser.findFirst({ where: { id: self.id }, select: { totpSecretEnc: true, totpEnabledAt: true } });
    if (!user?.totpSecretEnc || user.totpEnabledAt) throw new AppError("conflict", "Nenhum cadastro de autenticador em andamento.");
    const check = await checkTotp(openField(PLATFORM_KEY, PLATFORM_TOTP_COLUMN, user.totpSecretEnc), code, null, now.getTime());
    if (!check.ok) {
      await recordPlatformSecurityEvent(tx, ctx, { type: "TWO_FACTOR_FAILED", severity: "LOW", userId: self.id, details: { reason: "invalid", step: "enrolment", method: "totp" } });
      return false;
    }
    const { count } = await tx.platformUser.updateMany({ where: { id: self.id, totpEnabledAt: null }, data: { totpEnabledAt: now, totpLastStep: BigInt(check.step) } });
    if (count !== 1) throw new AppError("conflict", "A verificação em duas etapas já está ativa.");
    await recordPlatformAudit(tx, ctx, { action: "user.two_factor_enabled", entityType: "user", entityId: self.id, metadata: { channel: "TOTP" } });
    return true;
  });
  if (!ok) throw new AppError("validation", "Código inválido. Confira o relógio do celular e tente de novo.", { code: ["Código inválido."] });
}

/** Needs the current password; ends every session of the account. */
export async function disablePlatformTotp(ctx: PlatformContext, currentPassword: string): Promise<void> {
  const self = selfOf(ctx);
  const user = await inPlatform(ctx, self.id, (tx) => tx.platformUser.findFirst({ where: { id: self.id }, select: { passwordHash: true, totpEnabledAt: true } }));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError("validation", "Senha atual incorreta.", { currentPassword: ["Senha atual incorreta."] });
  }
  if (!user.totpEnabledAt) throw new AppError("conflict", "A verificação em duas etapas não está ativa.");
  await inPlatform(ctx, self.id, async (tx) => {
    await tx.platformUser.update({
      where: { id: self.id },
      data: { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null, sessionVersion: { increment: 1 } },
      select: { id: true },
    });
    await recordPlatformAudit(tx, ctx, { action: "user.two_factor_disabled", entityType: "user", entityId: self.id, riskScore: 40 });
  });
}
