import { createHmac } from "node:crypto";

/**
 * Keyed "blind index" for exact lookup of encrypted fields: the CPF column holds an AES-GCM
 * ciphertext (random IV, so equal CPFs encrypt differently) and a sibling column holds
 * HMAC-SHA256(key, …) of the normalized value, which is deterministic and can be indexed.
 *
 * Why keyed: a plain SHA-256 of an 11-digit CPF is reversed by brute force in minutes; without
 * the key the index reveals only equality. Use a key of its own (not an encryption key): it
 * cannot be rotated without recomputing every index, so it has a different lifecycle.
 *
 * Why a domain: the same key indexes several kinds of value; "cpf" and "cns" indexes of the
 * same digits must not match each other.
 *
 * Normalize before indexing (CPF → 11 digits): "123.456.789-09" and "12345678909" must give
 * the same index, and this module cannot know each field's canonical form.
 */

const MIN_KEY_BYTES = 32;
const DOMAIN = /^[a-z0-9_.-]{1,64}$/;

/** Hex (64 chars): safe under any column collation, unlike case-sensitive base64. */
export function blindIndex(key: Buffer, domain: string, normalizedValue: string): string {
  return hmacHex(key, ["bidx1", checkDomain(domain), checkValue(normalizedValue)]);
}

/**
 * The per-tenant variant: the tenant id is mixed in, so the same CPF in two clinics gives two
 * unrelated indexes and one tenant's table cannot be joined against another's by index.
 * Use it when lookups are always within a tenant (the normal case under RLS); use
 * `blindIndex` only for a deliberately cross-tenant lookup (e.g. platform-level identity).
 */
export function blindIndexFor(
  key: Buffer,
  input: { tenantId: string; domain: string; value: string },
): string {
  if (!input.tenantId) throw new RangeError("blindIndexFor needs a tenantId");
  const parts = ["bidx1-tenant", checkDomain(input.domain), input.tenantId, checkValue(input.value)];
  return hmacHex(key, parts);
}

function hmacHex(key: Buffer, parts: string[]): string {
  if (key.length < MIN_KEY_BYTES) {
    throw new RangeError(`blind index key must be at least ${MIN_KEY_BYTES} bytes`);
  }
  return createHmac("sha256", key).update(encodeParts(parts)).digest("hex");
}

/**
 * Length-prefixed encoding: ("ab","c") and ("a","bc") must not hash alike, whatever
 * characters a tenant id or value contains. The leading tag differs between the two
 * functions, so their outputs never collide either.
 */
function encodeParts(parts: string[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const bytes = Buffer.from(part, "utf8");
    const len = Buffer.alloc(4);
    len.writeUInt32BE(bytes.length);
    chunks.push(len, bytes);
  }
  return Buffer.concat(chunks);
}

function checkDomain(domain: string): string {
  if (!DOMAIN.test(domain)) throw new RangeError(`invalid blind index domain "${domain}"`);
  return domain;
}

// An empty value would give every blank field the same index: almost surely a caller bug.
function checkValue(value: string): string {
  if (value.length === 0) throw new RangeError("cannot blind-index an empty value");
  return value;
}
