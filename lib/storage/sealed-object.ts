import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { openField, sealField } from "@/lib/crypto/config";
import { keyIdOf } from "@/lib/crypto/field-encryption";

// Envelope encryption of a stored file (docs/security.md, "Attachments"; signed documents use it
// too). Each file gets its own random AES-256 data key; the object in storage is AES-256-GCM
// ciphertext under it, with additional data naming the file's tenant and row (an object copied
// under another row or clinic fails authentication). The data key is sealed by the
// field-encryption keyring like any other secret column, so rotating the keyring re-seals 32
// bytes per file instead of rewriting every object, and reading the bucket alone yields nothing.
//
// Object layout: "PVA1" | iv (12) | ciphertext | tag (16).

const MAGIC = Buffer.from("PVA1", "ascii");
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = "aes-256-gcm";

/** Where one object belongs: the GCM additional data and the column its data key is sealed under. */
export type ObjectBinding = { tenantId: string; aad: string; dataKeyColumn: string };

export type SealedObject = { object: Buffer; dataKeyEnc: string; encryptionKeyId: string; sha256: string };

/** The stored object failed authentication or its SHA-256: never served. */
export class SealedObjectIntegrityError extends Error {
  override name = "SealedObjectIntegrityError";
}

export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export function sealObject(binding: ObjectBinding, plain: Buffer): SealedObject {
  const dataKey = randomBytes(32);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, dataKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(binding.aad, "utf8"));
  const object = Buffer.concat([MAGIC, iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  const dataKeyEnc = sealField(binding.tenantId, binding.dataKeyColumn, dataKey.toString("base64"));
  dataKey.fill(0);
  return { object, dataKeyEnc, encryptionKeyId: keyIdOf(dataKeyEnc), sha256: sha256Hex(plain) };
}

/**
 * The plain bytes of a stored object, authenticated by GCM and then checked against the SHA-256
 * recorded when it was stored. Any mismatch (tampered object, swapped object, wrong row) throws
 * SealedObjectIntegrityError: a damaged file is never served.
 */
export function openObject(binding: ObjectBinding, dataKeyEnc: string, object: Buffer, expectedSha256: string): Buffer {
  if (object.length < MAGIC.length + IV_BYTES + TAG_BYTES || !object.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new SealedObjectIntegrityError("stored object is not a sealed envelope");
  }
  let plain: Buffer;
  try {
    const dataKey = Buffer.from(openField(binding.tenantId, binding.dataKeyColumn, dataKeyEnc), "base64");
    const iv = object.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
    const tag = object.subarray(object.length - TAG_BYTES);
    const decipher = createDecipheriv(ALGORITHM, dataKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(binding.aad, "utf8"));
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(object.subarray(MAGIC.length + IV_BYTES, object.length - TAG_BYTES)), decipher.final()]);
    dataKey.fill(0);
  } catch {
    throw new SealedObjectIntegrityError("stored object failed authentication");
  }
  if (sha256Hex(plain) !== expectedSha256) throw new SealedObjectIntegrityError("stored object does not match its SHA-256");
  return plain;
}

/** An opaque storage key: 128 random bits, nothing about the clinic, patient, row or file. */
export function randomStorageKey(): string {
  return `${randomBytes(1).toString("hex")}/${randomBytes(16).toString("hex")}`;
}
