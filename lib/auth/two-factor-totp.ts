import { randomInt } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";

// The pure half of two-factor authentication: TOTP (RFC 6238, the authenticator-app defaults:
// SHA-1, 6 digits, 30 s) and recovery codes. No database here, so the rules are unit-tested.

export const TOTP_ISSUER = "Prontivus";
export const TOTP_PERIOD_S = 30;
export const RECOVERY_CODE_COUNT = 10;

/** A fresh Base32 secret (160 bits, what authenticator apps expect). */
export const newTotpSecret = (): string => generateSecret();

/** The otpauth:// URI an app scans; the label names the clinic too, since one e-mail may exist in several. */
export function totpUri(secret: string, clinicName: string, email: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: `${clinicName}:${email}`, secret });
}

export const qrDataUrl = (uri: string): Promise<string> => QRCode.toDataURL(uri, { margin: 1, width: 220 });

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "invalid" | "replay" };

/**
 * Checks a 6-digit code against the secret within ±1 step (30 s of clock drift either way) and
 * against the last accepted step: a code whose step is not newer than `lastStep` was already
 * used (or an older one was), so it is a replay. The caller still has to claim the step
 * atomically (a conditional UPDATE), since two requests may pass this check at the same time.
 */
export async function checkTotp(secret: string, code: string, lastStep: number | null, nowMs: number): Promise<TotpCheck> {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return { ok: false, reason: "invalid" };
  const result = await verify({ secret, token, epoch: Math.floor(nowMs / 1000), epochTolerance: TOTP_PERIOD_S });
  // The functional API types HOTP and TOTP results as one union; only TOTP carries timeStep.
  if (!result.valid || !("timeStep" in result)) return { ok: false, reason: "invalid" };
  if (lastStep !== null && result.timeStep <= lastStep) return { ok: false, reason: "replay" };
  return { ok: true, step: result.timeStep };
}

// No 0/o, 1/l/i: codes are read off paper and typed by hand.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Ten codes like "k7m2p-x9qrt" (~49 bits each); shown once, stored only as keyed hashes. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** The stored form of a typed recovery code: case, spaces and the dash do not matter. */
export function normalizeRecoveryCode(input: string): string | null {
  const bare = input.toLowerCase().replace(/[\s-]/g, "");
  return /^[a-z0-9]{10}$/.test(bare) ? bare : null;
}

/** What the user typed at the second step: a TOTP code, a recovery code, or neither. */
export function classifySecondFactor(input: string): { kind: "totp"; code: string } | { kind: "recovery"; code: string } | null {
  const bare = input.replace(/\s/g, "");
  if (/^\d{6}$/.test(bare)) return { kind: "totp", code: bare };
  const recovery = normalizeRecoveryCode(input);
  return recovery ? { kind: "recovery", code: recovery } : null;
}
