import { createHmac } from "node:crypto";
import { derivedKey } from "@/lib/crypto/derived-keys";
import { timingSafeEqualStr } from "@/lib/crypto/tokens";
import { env } from "@/lib/env";

// Signed, single-purpose links sent to patients (reminder confirm/cancel, waitlist offer). The
// token names one purpose, one record and an expiry, and is MACed together with the tenant id:
// a token is worthless on another clinic's host, for another purpose, or after it expires.
// Nothing is stored, so a link costs no row; the record's own state (still SCHEDULED, offer
// still open) decides whether the action may still happen. The key is derived from
// NEXTAUTH_SECRET with HKDF under its own label, so it is never used for two things.

export type LinkPurpose = "confirm" | "cancel" | "offer";
const CODES: Record<LinkPurpose, string> = { confirm: "c", cancel: "x", offer: "w" };
const PURPOSES = Object.fromEntries(Object.entries(CODES).map(([k, v]) => [v, k])) as Record<string, LinkPurpose>;

export type LinkClaims = { purpose: LinkPurpose; id: string; expiresAt: Date; version: string };

const linkKey = () => derivedKey("prontivus engagement links v1");

const mac = (tenantId: string, payload: string) =>
  createHmac("sha256", linkKey()).update(`${tenantId}\n${payload}`).digest("base64url");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function signLink(tenantId: string, claims: LinkClaims): string {
  if (!UUID.test(claims.id)) throw new Error("signLink: id must be a UUID");
  const payload = Buffer.from(
    [CODES[claims.purpose], claims.id, Math.floor(claims.expiresAt.getTime() / 1000), claims.version].join("."),
  ).toString("base64url");
  return `${payload}.${mac(tenantId, payload)}`;
}

/** The claims of a genuine, unexpired token of this tenant, or null (never says why). */
export function verifyLink(tenantId: string, token: string, now: Date = new Date()): LinkClaims | null {
  if (typeof token !== "string" || token.length > 400 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [payload, signature] = token.split(".") as [string, string];
  if (!timingSafeEqualStr(signature, mac(tenantId, payload))) return null;
  const [code, id, exp, version = ""] = Buffer.from(payload, "base64url").toString("utf8").split(".");
  const purpose = PURPOSES[code ?? ""];
  const expiresAt = new Date(Number(exp) * 1000);
  if (!purpose || !id || !UUID.test(id) || !Number.isFinite(expiresAt.getTime())) return null;
  if (now.getTime() >= expiresAt.getTime()) return null;
  return { purpose, id, expiresAt, version };
}

/** Absolute URL on the clinic's own host (the page checks the host's tenant against the MAC). */
export function tenantUrl(tenantSlug: string, path: string): string {
  const e = env();
  const scheme = e.NODE_ENV === "production" ? "https" : "http";
  return `${scheme}://${tenantSlug}.${e.APP_HOST}${path}`;
}

export const linkUrl = (tenantSlug: string, token: string) => tenantUrl(tenantSlug, `/a/${token}`);
