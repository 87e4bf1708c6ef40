import { createHmac, timingSafeEqual } from "node:crypto";
import { derivedKey } from "@/lib/crypto/derived-keys";
import { z } from "zod";

// HS256 access tokens for the REST API, with node:crypto only (jose is present only as a
// transitive dependency of next-auth, so importing it would break silently on an upgrade). The
// key is derived from NEXTAUTH_SECRET under its own label, so an API token can never be
// confused with (or forged from) a NextAuth cookie token, and vice versa.

export const API_AUDIENCE = "prontivus-api";
export const ACCESS_TOKEN_TTL_S = 15 * 60;

const HEADER = b64(JSON.stringify({ alg: "HS256", typ: "JWT" }));

export const accessClaims = z.object({
  sub: z.uuid(),
  tid: z.uuid(),
  sid: z.uuid(),
  sv: z.number().int(),
  aud: z.literal(API_AUDIENCE),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type AccessClaims = z.infer<typeof accessClaims>;

const signingKey = () => derivedKey("prontivus api access token v1");

function b64(s: string): string {
  return Buffer.from(s, "utf8").toString("base64url");
}

const mac = (input: string) => createHmac("sha256", signingKey()).update(input, "ascii").digest();

export function signAccessToken(c: Pick<AccessClaims, "sub" | "tid" | "sid" | "sv">, nowS = Math.floor(Date.now() / 1000)): string {
  const payload: AccessClaims = { ...c, aud: API_AUDIENCE, iat: nowS, exp: nowS + ACCESS_TOKEN_TTL_S };
  const body = `${HEADER}.${b64(JSON.stringify(payload))}`;
  return `${body}.${mac(body).toString("base64url")}`;
}

/** The claims of a genuine, unexpired API token, or null. Never throws on client input. */
export function verifyAccessToken(token: string, nowS = Math.floor(Date.now() / 1000)): AccessClaims | null {
  const parts = token.split(".");
  // Only our own fixed header is accepted: no "alg" negotiation (alg=none, key confusion).
  if (parts.length !== 3 || parts[0] !== HEADER) return null;
  const expected = mac(`${parts[0]}.${parts[1]}`);
  const given = Buffer.from(parts[2]!, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const claims = accessClaims.safeParse(json);
  if (!claims.success || claims.data.exp <= nowS) return null;
  return claims.data;
}
