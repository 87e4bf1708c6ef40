import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// Below 128 bits a token could be guessed online; refuse rather than hand out a weak one.
const MIN_TOKEN_BYTES = 16;

/** A URL-safe random token (invitations, password resets, API keys). Store only its hash. */
export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < MIN_TOKEN_BYTES || bytes > 1024) {
    throw new RangeError(`token size must be an integer from ${MIN_TOKEN_BYTES} to 1024 bytes`);
  }
  return randomBytes(bytes).toString("base64url");
}

/**
 * SHA-256 as hex. Enough for storing high-entropy tokens (a leaked table cannot be replayed);
 * never for passwords, which need argon2 (see password.ts).
 */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/**
 * Constant-time string comparison. Both sides are hashed first so the comparison takes the
 * same time whatever the lengths (crypto.timingSafeEqual throws on unequal lengths, and an
 * early length check would leak the secret's length).
 */
export function timingSafeEqualStr(a: string, b: string): boolean {
  const da = createHash("sha256").update(a, "utf8").digest();
  const db = createHash("sha256").update(b, "utf8").digest();
  // SHA-256 collisions are infeasible, so equal digests mean equal strings.
  return timingSafeEqual(da, db);
}
