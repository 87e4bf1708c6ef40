import { createHmac, randomBytes } from "node:crypto";
import { timingSafeEqualStr } from "@/lib/crypto/tokens";

// The proof that step 1 (the password) succeeded, carried by the browser to step 2 (the code).
// Stateless: an HMAC over {user, tenant, session version, expiry, nonce}, keyed by a key derived
// from NEXTAUTH_SECRET for this purpose only (a challenge can never pass for a session token).
// It is not single-use on purpose: a mistyped code may be retried, and every wrong code counts
// toward the account lockout, so guessing through one challenge is bounded. Bumping the
// session version (password reset, 2FA disabled, admin reset) voids outstanding challenges.

export const CHALLENGE_TTL_MS = 5 * 60_000;

/** The "tenant" of a challenge minted for a platform account (root host). */
export const PLATFORM_REALM = "platform";

export type ChallengeClaims = { userId: string; tenantId: string; sessionVersion: number; expiresAt: number };

const keyFrom = (secret: string) => createHmac("sha256", secret).update("prontivus:two-factor-challenge:v1").digest();
const sign = (secret: string, body: string) => createHmac("sha256", keyFrom(secret)).update(body).digest("base64url");

export function issueChallenge(secret: string, c: Omit<ChallengeClaims, "expiresAt">, nowMs: number): string {
  const claims = { u: c.userId, t: c.tenantId, v: c.sessionVersion, e: nowMs + CHALLENGE_TTL_MS, n: randomBytes(12).toString("base64url") };
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${body}.${sign(secret, body)}`;
}

/** The claims of a genuine, unexpired challenge; null for anything else (never throws). */
export function readChallenge(secret: string, token: unknown, nowMs: number): ChallengeClaims | null {
  if (typeof token !== "string" || token.length > 1024) return null;
  const [body, mac, extra] = token.split(".");
  if (!body || !mac || extra !== undefined || !timingSafeEqualStr(mac, sign(secret, body))) return null;
  try {
    const c = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
    if (typeof c.u !== "string" || typeof c.t !== "string" || typeof c.v !== "number" || typeof c.e !== "number") return null;
    if (c.e <= nowMs) return null;
    return { userId: c.u, tenantId: c.t, sessionVersion: c.v, expiresAt: c.e };
  } catch {
    return null;
  }
}
