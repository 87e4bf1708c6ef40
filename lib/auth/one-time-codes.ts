import { randomInt } from "node:crypto";
import { lookupHash } from "@/lib/crypto/config";
import { timingSafeEqualStr } from "@/lib/crypto/tokens";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

// Six-digit codes sent by e-mail or SMS as a second factor (two_factor_tokens). A code is
// stored only as a keyed hash, lives 10 minutes, is spent by its first correct use, and dies
// after 5 wrong tries. Issuing a new code voids the previous one of the same purpose, and
// issuing is throttled, so nobody can make the server spray messages. The functions run inside
// the caller's transaction, so the attempt counter moves in the same commit as the security
// event that explains it.

export const OTP_TTL_MS = 10 * 60_000;
export const OTP_MAX_ATTEMPTS = 5;
/** A new code no sooner than this after the previous one… */
export const OTP_RESEND_COOLDOWN_MS = 60_000;
/** …and no more than this many per user and purpose per hour. */
export const OTP_MAX_PER_HOUR = 5;

export type OtpChannel = "EMAIL" | "SMS";
/**
 * sign_in: the second step of a sign-in; enrol: proves the channel reaches the user before it is
 * turned on; email_confirmation: a patient's self-registration proves the e-mail is theirs.
 */
export type OtpPurpose = "sign_in" | "enrol" | "email_confirmation";
export type OtpCheck = "ok" | "invalid";

/**
 * `binding` ties the hash to a value the code was sent for (the phone number of an SMS
 * enrolment): the same code with another value does not match.
 */
export const otpCodeHash = (tenantId: string, userId: string, purpose: OtpPurpose, code: string, binding = "") =>
  lookupHash(tenantId, "two-factor-otp", `${userId}:${purpose}:${binding}:${code}`);

export const newOtpCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, "0");

export const OTP_CODE_PATTERN = /^\d{6}$/;

type Issue = { tenantId: string; userId: string; channel: OtpChannel; purpose: OtpPurpose; binding?: string; now: Date };

/** A fresh code (the only time it exists in clear); 429 while the resend throttle holds. */
export async function issueOtp(tx: Tx, { tenantId, userId, channel, purpose, binding, now }: Issue): Promise<string> {
  const hourAgo = new Date(now.getTime() - 60 * 60_000);
  const recent = await tx.twoFactorToken.findMany({
    where: { userId, purpose, channel: { in: ["EMAIL", "SMS"] }, createdAt: { gt: hourAgo } },
    select: { createdAt: true },
    orderBy: { createdAt: "desc" },
  });
  const last = recent[0]?.createdAt;
  if ((last && now.getTime() - last.getTime() < OTP_RESEND_COOLDOWN_MS) || recent.length >= OTP_MAX_PER_HOUR) {
    throw new AppError("rate_limited", "Aguarde um minuto antes de pedir outro código.");
  }
  // One live code per purpose: an older message stops working.
  await tx.twoFactorToken.updateMany({
    where: { userId, purpose, channel: { in: ["EMAIL", "SMS"] }, consumedAt: null },
    data: { consumedAt: now },
  });
  const code = newOtpCode();
  await tx.twoFactorToken.create({
    data: {
      userId, channel, purpose, codeHash: otpCodeHash(tenantId, userId, purpose, code, binding),
      expiresAt: new Date(now.getTime() + OTP_TTL_MS), createdAt: now,
    },
    select: { id: true },
  });
  return code;
}

type Check = { tenantId: string; userId: string; channel: OtpChannel; purpose: OtpPurpose; code: string; binding?: string; now: Date };

/**
 * Checks a typed code against the user's live code: right → spent; wrong → one try used (the
 * fifth voids the code). Claims are conditional UPDATEs, so two concurrent requests with the
 * right code cannot both win and two wrong ones both count.
 */
export async function consumeOtp(tx: Tx, { tenantId, userId, channel, purpose, code, binding, now }: Check): Promise<OtpCheck> {
  const live = await tx.twoFactorToken.findFirst({
    where: { userId, channel, purpose, consumedAt: null, expiresAt: { gt: now }, attempts: { lt: OTP_MAX_ATTEMPTS } },
    select: { id: true, codeHash: true },
    orderBy: { createdAt: "desc" },
  });
  if (!live) return "invalid";
  const typed = code.replace(/\s/g, "");
  if (OTP_CODE_PATTERN.test(typed) && timingSafeEqualStr(otpCodeHash(tenantId, userId, purpose, typed, binding), live.codeHash)) {
    const { count } = await tx.twoFactorToken.updateMany({
      where: { id: live.id, consumedAt: null, attempts: { lt: OTP_MAX_ATTEMPTS } },
      data: { consumedAt: now },
    });
    return count === 1 ? "ok" : "invalid";
  }
  await tx.twoFactorToken.updateMany({ where: { id: live.id, consumedAt: null }, data: { attempts: { increment: 1 } } });
  await tx.twoFactorToken.updateMany({
    where: { id: live.id, consumedAt: null, attempts: { gte: OTP_MAX_ATTEMPTS } },
    data: { consumedAt: now },
  });
  return "invalid";
}
