import { env } from "@/lib/env";
import { blindIndexFor } from "./blind-index";
import { decryptField, encryptField } from "./field-encryption";
import { parseKeyring, parseSecretKey, type Keyring } from "./keyring";

// Keys built once from the environment. The blind-index key is separate from the encryption
// keys: it cannot rotate without recomputing every index.

let keyring: Keyring | undefined;
let indexKey: Buffer | undefined;

function ring(): Keyring {
  if (!keyring) {
    const e = env();
    const ids = e.FIELD_ENCRYPTION_KEYS.split(",").map((part) => part.split(":")[0]!.trim());
    keyring = parseKeyring(e.FIELD_ENCRYPTION_KEYS, e.FIELD_ENCRYPTION_ACTIVE_KEY ?? ids[ids.length - 1]!);
  }
  return keyring;
}

function blindKey(): Buffer {
  indexKey ??= parseSecretKey(env().BLIND_INDEX_KEY, "BLIND_INDEX_KEY");
  return indexKey;
}

/** AAD binds a ciphertext to its tenant and column: copied elsewhere, it will not decrypt. */
const aad = (tenantId: string, column: string) => `${tenantId}:${column}`;

export function sealField(tenantId: string, column: string, plaintext: string): string {
  return encryptField(ring(), plaintext, aad(tenantId, column));
}

export function openField(tenantId: string, column: string, sealed: string): string {
  return decryptField(ring(), sealed, aad(tenantId, column));
}

export function lookupHash(tenantId: string, domain: string, normalizedValue: string): string {
  return blindIndexFor(blindKey(), { tenantId, domain, value: normalizedValue });
}
