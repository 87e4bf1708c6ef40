import { openObject, SealedObjectIntegrityError, sealObject, type ObjectBinding, type SealedObject } from "@/lib/storage/sealed-object";
import { AttachmentIntegrityError } from "./errors";

// Attachment bytes are sealed with the shared per-file data key envelope (lib/storage/
// sealed-object.ts), bound to the tenant and the attachment row.

export { sha256Hex } from "@/lib/storage/sealed-object";
export type SealedAttachment = SealedObject;

const binding = (tenantId: string, attachmentId: string): ObjectBinding => ({
  tenantId,
  aad: `prontivus:attachment:v1:${tenantId}:${attachmentId}`,
  dataKeyColumn: `medical_record_attachments.data_key:${attachmentId}`,
});

export function sealAttachment(tenantId: string, attachmentId: string, plain: Buffer): SealedAttachment {
  return sealObject(binding(tenantId, attachmentId), plain);
}

/** The plain bytes of a stored attachment; AttachmentIntegrityError when they fail any check. */
export function openAttachment(tenantId: string, attachmentId: string, dataKeyEnc: string, object: Buffer, expectedSha256: string): Buffer {
  try {
    return openObject(binding(tenantId, attachmentId), dataKeyEnc, object, expectedSha256);
  } catch (error) {
    if (error instanceof SealedObjectIntegrityError) throw new AttachmentIntegrityError(error.message);
    throw error;
  }
}
