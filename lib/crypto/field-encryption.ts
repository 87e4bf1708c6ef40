import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Keyring } from "./keyring";

/**
 * AES-256-GCM for single database fields (CPF, confidential notes, 2FA secrets…).
 *
 * Stored form: `enc:v1:<keyId>:<iv>:<ciphertext>:<tag>` (base64url parts). The key id travels
 * with the value so old rows stay readable after rotation; `v1` is the format version so a
 * future layout can be told apart.
 *
 * AAD (additional authenticated data) is not stored but must be supplied again to decrypt.
 * Callers pass something like `${tenantId}:patients.cpf:${rowId}`: a ciphertext copied into
 * another row, column or tenant then fails authentication instead of decrypting there, which
 * stops a database-level attacker (or a bug) from moving a secret to where it can be read.
 * The header (`enc:v1:<keyId>`) is authenticated too, so the format version cannot be swapped.
 */

const PREFIX = "enc";
const FORMAT = "v1";
const ALGORITHM = "aes-256-gcm";
// GCM's standard nonce size. NIST allows 2^32 random-IV encryptions per key, far above the
// writes one key sees between rotations here.
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type FieldDecryptionErrorCode = "malformed" | "unknown_key" | "auth_failed";

/** Never includes the value or key material in its message: it may end up in logs. */
export class FieldDecryptionError extends Error {
  override name = "FieldDecryptionError";
  constructor(
    readonly code: FieldDecryptionErrorCode,
    message: string,
  ) {
    super(message);
  }
}

type Envelope = { keyId: string; iv: Buffer; ciphertext: Buffer; tag: Buffer };

export function encryptField(keyring: Keyring, plaintext: string, aad?: string): string {
  const keyId = keyring.activeKeyId;
  const key = keyring.keys.get(keyId);
  if (!key) throw new Error(`active key "${keyId}" missing from keyring`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aadBytes(keyId, aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, ciphertext, cipher.getAuthTag()].map((b) => b.toString("base64url"));
  return [PREFIX, FORMAT, keyId, ...parts].join(":");
}

/**
 * Decrypts a value written by `encryptField`. Throws `FieldDecryptionError` with code
 * `malformed` (not our format), `unknown_key` (key id not in the keyring, e.g. a retired key
 * removed too early) or `auth_failed` (tampered value, wrong key or wrong AAD).
 */
export function decryptField(keyring: Keyring, value: string, aad?: string): string {
  const { keyId, iv, ciphertext, tag } = parseEnvelope(value);
  const key = keyring.keys.get(keyId);
  if (!key) {
    throw new FieldDecryptionError("unknown_key", `encryption key "${keyId}" is not in the keyring`);
  }
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aadBytes(keyId, aad));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new FieldDecryptionError(
      "auth_failed",
      "encrypted field failed authentication (tampered, wrong key or wrong context)",
    );
  }
}

/** True when the value is in our envelope format (lets a migration skip rows already done). */
export function isEncryptedField(value: string): boolean {
  try {
    parseEnvelope(value);
    return true;
  } catch {
    return false;
  }
}

/** True when the value was written under a key other than the active one. Throws if malformed. */
export function needsReencryption(keyring: Keyring, value: string): boolean {
  return parseEnvelope(value).keyId !== keyring.activeKeyId;
}

/** Decrypts under whatever key wrote the value and encrypts under the active key (rotation job). */
export function reencryptField(keyring: Keyring, value: string, aad?: string): string {
  return encryptField(keyring, decryptField(keyring, value, aad), aad);
}

/** The key id a value was written under, without decrypting it (for rotation reports). */
export function keyIdOf(value: string): string {
  return parseEnvelope(value).keyId;
}

function aadBytes(keyId: string, aad: string | undefined): Buffer {
  // Newline cannot occur in a key id, so header and caller AAD cannot be confused.
  return Buffer.from(`${PREFIX}:${FORMAT}:${keyId}\n${aad ?? ""}`, "utf8");
}

const B64URL = /^[A-Za-z0-9_-]*$/;

function parseEnvelope(value: string): Envelope {
  const parts = typeof value === "string" ? value.split(":") : [];
  const [prefix, format, keyId, iv, ciphertext, tag] = parts;
  const wellFormed =
    parts.length === 6 &&
    prefix === PREFIX &&
    format === FORMAT &&
    !!keyId &&
    [iv, ciphertext, tag].every((p) => p !== undefined && B64URL.test(p));
  if (!wellFormed) throw malformed();
  const envelope = {
    keyId: keyId as string,
    iv: Buffer.from(iv as string, "base64url"),
    ciphertext: Buffer.from(ciphertext as string, "base64url"),
    tag: Buffer.from(tag as string, "base64url"),
  };
  if (envelope.iv.length !== IV_BYTES || envelope.tag.length !== TAG_BYTES) throw malformed();
  return envelope;
}

function malformed(): FieldDecryptionError {
  return new FieldDecryptionError("malformed", "value is not an encrypted field (enc:v1:…)");
}
