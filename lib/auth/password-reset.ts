import { setTimeout as sleep } from "node:timers/promises";
import { text } from "@/lib/validation/text";
import { recordAudit, recordSecurityEvent } from "@/lib/audit/record";
import { openField } from "@/lib/crypto/config";
import { hashPassword } from "@/lib/crypto/password";
import { randomToken, sha256Hex } from "@/lib/crypto/tokens";
import { withTenant } from "@/lib/db/tenant";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { sendMail as smtpSendMail, type MailMessage } from "@/lib/mail/send";
import { mailLayout } from "@/lib/mail/templates";
import type { RequestMeta } from "@/lib/request";
import { findTenant } from "@/lib/tenancy/current";
import { systemClock, type Clock } from "./lockout";
import { validatePassword } from "./password-policy";

// "Forgot password" for staff and patients of one clinic (OWASP ASVS 2.5). The request answers
// the same, in about the same time, whether the e-mail exists or not; the link carries a random
// single-use token of which only the SHA-256 is stored. Completing it also ends every session
// and lifts a lockout: the owner can always get back in from another IP through their mailbox.

export const RESET_TOKEN_TTL_MS = 30 * 60_000;
/** Mail-bombing guard: at most this many links per account per window. */
const MAX_REQUESTS_PER_WINDOW = 3;
const REQUEST_WINDOW_MS = 15 * 60_000;
/** Every request takes at least this long, so the SMTP round trip of a known e-mail does not show. */
const DEFAULT_MIN_DURATION_MS = 600;

export const RESET_LINK_INVALID = "Este link de redefinição é inválido ou expirou. Peça um novo.";

export type PasswordResetDeps = {
  sendMail: (msg: MailMessage) => Promise<void>;
  now: Clock;
  /** Response-time floor of requestPasswordReset (real time, not the injected clock). */
  minDurationMs: number;
};
const defaults: PasswordResetDeps = { sendMail: smtpSendMail, now: systemClock, minDurationMs: DEFAULT_MIN_DURATION_MS };

const emailSchema = text().trim().toLowerCase().email("Informe um e-mail válido.").max(254);
// randomToken() gives 43 base64url characters; anything else cannot be ours.
const tokenSchema = text().regex(/^[A-Za-z0-9_-]{32,128}$/);

export function passwordResetUrl(tenantSlug: string, token: string): string {
  const e = env();
  const scheme = e.NODE_ENV === "production" ? "https" : "http";
  return `${scheme}://${tenantSlug}.${e.APP_HOST}/reset-password/${token}`;
}

const invalidLink = () => new AppError("unprocessable", RESET_LINK_INVALID);

/**
 * Sends a reset link to `email` if it belongs to an active account of the clinic. Resolves the
 * same way in every other case (unknown e-mail or clinic, disabled account, too many requests),
 * so the form cannot be used to learn who has an account. Only a malformed e-mail is an error.
 */
export async function requestPasswordReset(tenantSlug: string, email: unknown, meta: RequestMeta, deps: Partial<PasswordResetDeps> = {}): Promise<void> {
  const d = { ...defaults, ...deps };
  const started = performance.now();
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) throw new AppError("validation", "Informe um e-mail válido.", { email: ["Informe um e-mail válido."] });
  try {
    const mail = await issueToken(tenantSlug, parsed.data, meta, d.now());
    if (mail) {
      // After the commit: SMTP must not hold a transaction open. A failed send is logged, not
      // shown: telling the visitor would reveal that the address has an account.
      await d.sendMail(mail).catch((error: unknown) => console.error("password reset mail failed", { requestId: meta.requestId, error }));
    }
  } finally {
    const left = d.minDurationMs - (performance.now() - started);
    if (left > 0) await sleep(left);
  }
}

async function issueToken(tenantSlug: string, email: string, meta: RequestMeta, now: Date): Promise<MailMessage | null> {
  const tenant = await findTenant(tenantSlug);
  if (!tenant || tenant.status !== "ACTIVE") return null;
  const token = randomToken();
  return withTenant({ tenantId: tenant.id, requestId: meta.requestId, user: null }, async (tx) => {
    const user = await tx.user.findFirst({ where: { email, status: "ACTIVE" }, select: { id: true, name: true, email: true } });
    if (!user) return null; // nothing written: an unknown address leaves no trace to count
    const recent = await tx.passwordResetToken.count({
      where: { userId: user.id, createdAt: { gt: new Date(now.getTime() - REQUEST_WINDOW_MS) } },
    });
    if (recent >= MAX_REQUESTS_PER_WINDOW) {
      await recordSecurityEvent(tx, meta, { type: "RATE_LIMITED", severity: "LOW", userId: user.id, details: { reason: "password_reset" } });
      return null;
    }
    // One live link per account: a link from an earlier mail stops working.
    const revoked = await tx.passwordResetToken.updateMany({
      where: { userId: user.id, usedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
    await tx.passwordResetToken.create({
      data: { userId: user.id, tokenHash: sha256Hex(token), expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS), requestedIp: meta.ip?.slice(0, 45) ?? null, createdAt: now },
      select: { id: true },
    });
    await recordSecurityEvent(tx, meta, { type: "PASSWORD_RESET_REQUESTED", severity: "INFO", userId: user.id, details: { revokedPrevious: revoked.count } });
    await recordAudit(tx, { ...meta, user: null }, { action: "auth.password_reset_requested", entityType: "user", entityId: user.id });
    return resetMail(user, tenant.name, passwordResetUrl(tenant.slug, token));
  });
}

function resetMail(user: { name: string; email: string }, clinicName: string, url: string): MailMessage {
  const body = [
    `Olá, ${user.name}.`,
    `Recebemos um pedido para redefinir a sua senha em ${clinicName}. O link abaixo vale por 30 minutos e pode ser usado uma única vez.`,
    "Se não foi você, ignore esta mensagem: a sua senha continua a mesma.",
  ].join("\n\n");
  const { text, html } = mailLayout({ clinicName, body, action: { label: "Redefinir senha", url } });
  return { to: user.email, subject: `Redefinição de senha — ${clinicName}`, text, html };
}

/** The live token row and its active owner, or null. */
async function findLiveToken(tenantId: string, token: unknown, meta: Pick<RequestMeta, "requestId">, now: Date) {
  const parsed = tokenSchema.safeParse(token);
  if (!parsed.success) return null;
  return withTenant({ tenantId, requestId: meta.requestId, user: null }, (tx) => tx.passwordResetToken.findFirst({
    where: { tokenHash: sha256Hex(parsed.data), usedAt: null, expiresAt: { gt: now }, user: { status: "ACTIVE" } },
    select: { id: true, user: { select: { id: true, name: true, email: true, cpfEnc: true, lockedAt: true } } },
  }));
}

/** For the reset page: whether to show the form or "ask for a new link". Reads only. */
export async function isResetTokenLive(tenantSlug: string, token: unknown, meta: Pick<RequestMeta, "requestId">, deps: Partial<PasswordResetDeps> = {}): Promise<boolean> {
  const tenant = await findTenant(tenantSlug);
  if (!tenant || tenant.status !== "ACTIVE") return false;
  return (await findLiveToken(tenant.id, token, meta, (deps.now ?? systemClock)())) !== null;
}

/**
 * Sets a new password through a live link. Refusals (bad link, weak password) change nothing.
 * On success: argon2id hash, token used, lockout cleared, session_version bumped (every session
 * ends at its next request), audit row and security event, all in one transaction.
 */
export async function completePasswordReset(tenantSlug: string, token: unknown, newPassword: unknown, meta: RequestMeta, deps: Partial<PasswordResetDeps> = {}): Promise<void> {
  const now = (deps.now ?? systemClock)();
  const tenant = await findTenant(tenantSlug);
  if (!tenant || tenant.status !== "ACTIVE") throw invalidLink();
  const live = await findLiveToken(tenant.id, token, meta, now);
  if (!live) throw invalidLink();

  const user = live.user;
  const password = typeof newPassword === "string" ? newPassword : "";
  const cpf = user.cpfEnc ? openField(tenant.id, "users.cpf", user.cpfEnc) : null;
  const problems = validatePassword(password, { name: user.name, email: user.email, cpf });
  if (problems.length > 0) throw new AppError("validation", "Escolha outra senha.", { password: problems });
  // Hashed outside the transaction: argon2 should not hold a database connection.
  const passwordHash = await hashPassword(password);

  await withTenant({ tenantId: tenant.id, requestId: meta.requestId, user }, async (tx) => {
    // Conditional on still being live: of two concurrent uses of one link, exactly one wins.
    const claimed = await tx.passwordResetToken.updateMany({ where: { id: live.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count !== 1) throw invalidLink();
    await tx.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    await tx.user.update({
      where: { tenantId_id: { tenantId: tenant.id, id: user.id } },
      data: { passwordHash, failedLoginCount: 0, lockedAt: null, sessionVersion: { increment: 1 } },
      select: { id: true },
    });
    const unlocked = user.lockedAt !== null;
    await recordAudit(tx, { ...meta, user }, { action: "auth.password_reset", entityType: "user", entityId: user.id, metadata: { unlocked } });
    await recordSecurityEvent(tx, meta, { type: "PASSWORD_RESET_COMPLETED", severity: "MEDIUM", userId: user.id, details: { unlocked } });
    if (unlocked) await recordSecurityEvent(tx, meta, { type: "ACCOUNT_UNLOCKED", severity: "MEDIUM", userId: user.id, details: { by: "password_reset" } });
  });
}
