import { randomBytes } from "node:crypto";

/**
 * The keys for field encryption. Several keys live side by side so that values written under
 * an old key stay readable while a background job re-encrypts them under `activeKeyId`.
 * Built once by `lib/env.ts`; the crypto functions take it as an argument so they never read
 * configuration themselves (and tests can build their own).
 */
export type Keyring = {
  readonly activeKeyId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
};

export const KEY_BYTES = 32;

// The id is written into every ciphertext between ':' separators, so it must not contain one.
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
// Strict base64 / base64url: Buffer.from() silently skips bad characters, which would turn a
// typo in an environment variable into a different (shorter) key instead of an error.
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

export class KeyringError extends Error {
  override name = "KeyringError";
}

/**
 * Decodes one 32-byte secret given as base64 or base64url (e.g. the blind-index key).
 * `label` names the setting in the error; the key material itself is never echoed.
 */
export function parseSecretKey(encoded: string, label = "key"): Buffer {
  const text = encoded.trim();
  if (!BASE64.test(text)) {
    throw new KeyringError(`${label} is not valid base64`);
  }
  const key = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (key.length !== KEY_BYTES) {
    throw new KeyringError(`${label} must decode to ${KEY_BYTES} bytes, got ${key.length}`);
  }
  return key;
}

/**
 * Builds a keyring from `"v1:<base64 32 bytes>,v2:<base64 32 bytes>"`.
 * Throws on a malformed entry, a duplicate id, or an active id that is not in the list,
 * so a misconfigured deployment fails at boot rather than on the first patient read.
 */
export function parseKeyring(spec: string, activeKeyId: string): Keyring {
  const keys = new Map<string, Buffer>();
  for (const entry of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const sep = entry.indexOf(":");
    const id = sep > 0 ? entry.slice(0, sep) : "";
    if (!KEY_ID.test(id)) {
      throw new KeyringError(`keyring entry must look like "<id>:<base64>" with id [A-Za-z0-9_-]`);
    }
    if (keys.has(id)) throw new KeyringError(`keyring has key id "${id}" twice`);
    keys.set(id, parseSecretKey(entry.slice(sep + 1), `key "${id}"`));
  }
  return createKeyring(keys, activeKeyId);
}

/** Validates an in-memory keyring (used by parseKeyring and by tests). */
export function createKeyring(keys: ReadonlyMap<string, Buffer>, activeKeyId: string): Keyring {
  if (keys.size === 0) throw new KeyringError("keyring is empty");
  for (const [id, key] of keys) {
    if (!KEY_ID.test(id)) throw new KeyringError(`invalid key id "${id}"`);
    if (key.length !== KEY_BYTES) throw new KeyringError(`key "${id}" must be ${KEY_BYTES} bytes`);
  }
  if (!keys.has(activeKeyId)) {
    throw new KeyringError(`active key id "${activeKeyId}" is not in the keyring`);
  }
  return Object.freeze({ activeKeyId, keys: new Map(keys) });
}

/** A fresh random key as `"<id>:<base64>"`, for `.env` files, seeds and tests. */
export function generateKeyEntry(id: string): string {
  if (!KEY_ID.test(id)) throw new KeyringError(`invalid key id "${id}"`);
  return `${id}:${randomBytes(KEY_BYTES).toString("base64")}`;
}
