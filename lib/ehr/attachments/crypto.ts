import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { openField, sealField } from "@/lib/crypto/config";
import { keyIdOf } from "@/lib/crypto/field-encryption";
import { AttachmentIntegrityError } from "./errors";

// Envelope encryption of attachment bytes (docs/security.md, "Attachments"). Each file gets its
// own random AES-256 data key; the object in storage is AES-256-GCM ciphertext under it, with
// the tenant and attachment id as additional data (an object copied under another row or
// clinic fails authentication). The data key is sealed by the field-encryption keyring like any
// other secret column, so rotating the keyring re-seals 32 bytes per file instead of rewriting
// every object, and reading the bucket alone yields nothing.
//
// Object layout: "PVA1" | iv (12) | ciphertext | tag (16).

const MAGIC = Buffer.from("PVA1", "ascii");
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = "aes-256-gcm";

export type SealedAttachment = { object: Buffer; dataKeyEnc: string; encryptionKeyId: string; sha256: string };

const aad = (tenantId: string, attachmentId: string) => Buffer.from(`prontivus:attachment:v1:${tenantId}:${attachmentId}`, "utf8");
const dataKeyColumn = (attachmentId: string) => `medical_record_attachments.data_key:${attachmentId}`;

export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export function sealAttachment(tenantId: string, attachmentId: string, plain: Buffer): SealedAttachment {
  const dataKey = randomBytes(32);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, dataKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(tenantId, attachmentId));
  const object = Buffer.concat([MAGIC, iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  const dataKeyEnc = sealField(tenantId, dataKeyColumn(attachmentId), dataKey.toString("base64"));
  dataKey.fill(0);
  return { object, dataKeyEnc, encryptionKeyId: keyIdOf(dataKeyEnc), sha256: sha256Hex(plain) };
}

/**
 * The plain bytes of a stored object, authenticated by GCM and then checked against the SHA-256
 * recorded at upload. Any mismatch (tampered object, swapped object, wrong row) throws
 * AttachmentIntegrityError: a damaged file is never served.
 */
export function openAttachment(tenantId: string, attachmentId: string, dataKeyEnc: string, object: Buffer, expectedSha256: string): Buffer {
  if (object.length < MAGIC.length + IV_BYTES + TAG_BYTES || !object.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new AttachmentIntegrityError("stored object is not an attachment envelope");
  }
  let plain: Buffer;
  try {
    const dataKey = Buffer.from(openField(tenantId, dataKeyColumn(attachmentId), dataKeyEnc), "base64");
    const iv = object.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
    const tag = object.subarray(object.length - TAG_BYTES);
    const decipher = createDecipheriv(ALGORITHM, dataKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(tenantId, attachmentId));
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(object.subarray(MAGIC.length + IV_BYTES, object.length - TAG_BYTES)), decipher.final()]);
    dataKey.fill(0);
  } catch {
    throw new AttachmentIntegrityError("stored object failed authentication");
  }
  if (sha256Hex(plain) !== expectedSha256) throw new AttachmentIntegrityError("stored object does not match its SHA-256");
  return plain;
}
