import { randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { sealField } from "@/lib/crypto/config";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { forbidden, notFound } from "@/lib/errors";
import { storage } from "@/lib/storage/config";
import { randomStorageKey } from "@/lib/storage/sealed-object";
import { findTenant } from "@/lib/tenancy/current";
import { parseTenantSettings } from "@/lib/tenancy/settings";
import { readBoundedBody } from "./body";
import { sealAttachment } from "./crypto";
import { AttachmentError } from "./errors";
import { sanitizeFileName } from "./file-name";
import { detectAttachmentType } from "./file-type";
import { fileNameColumn, toAttachmentDto } from "./queries";
import type { AttachmentDto } from "./schemas";

// Upload of one file to a draft medical record, by its author. Order matters:
// 1. permission, record (404 for another clinic's), draft and author: refused before any byte
//    of the body is read;
// 2. the body, bounded by the clinic's limit while it streams; type from the bytes;
// 3. encrypted object written under a random key outside any transaction (no database
//    connection held while bytes travel);
// 4. one transaction: the record row is locked FOR SHARE and re-checked (a signature racing the
//    upload either waits for it or wins and refuses it; the trigger of the _sql migration
//    refuses it again in the database), the row inserted, the audit row last.
// A refusal after step 3 deletes the object, so nothing is left behind.

export type UploadInput = { body: ReadableStream<Uint8Array> | null; declaredLength: number | null; fileName: unknown };

const recordIdSchema = z.uuid();
const MB = 1024 * 1024;

type RecordRow = { status: string; doctor_id: string; patient_id: string };

async function writableRecord(tx: Tx, ctx: Context, recordId: string, lock: boolean): Promise<RecordRow> {
  const rows = lock
    ? await tx.$queryRaw<RecordRow[]>`SELECT status::text, doctor_id::text, patient_id::text FROM medical_records WHERE id = ${recordId}::uuid FOR SHARE`
    : await tx.$queryRaw<RecordRow[]>`SELECT status::text, doctor_id::text, patient_id::text FROM medical_records WHERE id = ${recordId}::uuid`;
  const record = rows[0];
  if (!record) throw notFound("Registro do prontuário");
  // SBIS NGS1: only the author writes into a record (corrections are the author's addenda).
  if (record.doctor_id !== ctx.user?.id) throw new AttachmentError("not_author");
  if (record.status !== "DRAFT") throw new AttachmentError("record_signed");
  return record;
}

async function limitOf(ctx: Context): Promise<{ bytes: number; megabytes: number }> {
  const tenant = await findTenant(ctx.tenantSlug);
  const megabytes = parseTenantSettings(tenant?.settings).attachments.maxFileMegabytes;
  return { bytes: megabytes * MB, megabytes };
}

export async function uploadAttachment(ctx: Context, recordId: unknown, input: UploadInput): Promise<AttachmentDto> {
  if (!can(ctx, "records:write") || !ctx.user) throw forbidden();
  const parsedId = recordIdSchema.safeParse(recordId);
  if (!parsedId.success) throw notFound("Registro do prontuário");
  const id = parsedId.data;
  await withTenant(ctx, (tx) => writableRecord(tx, ctx, id, false));

  const limit = await limitOf(ctx);
  const bytes = await readBoundedBody(input.body, input.declaredLength, limit.bytes, limit.megabytes);
  const mimeType = await detectAttachmentType(bytes);
  if (!mimeType) throw new AttachmentError("type_not_allowed");

  const attachmentId = randomUUID();
  const fileName = sanitizeFileName(input.fileName, mimeType);
  const sealed = sealAttachment(ctx.tenantId, attachmentId, bytes);
  const storageKey = randomStorageKey();
  await storage().put(storageKey, sealed.object, { contentLength: sealed.object.length });
  try {
    return await withTenant(ctx, async (tx) => {
      const record = await writableRecord(tx, ctx, id, true);
      const row = await tx.medicalRecordAttachment.create({
        data: {
          id: attachmentId, medicalRecordId: id, mimeType, sizeBytes: bytes.length, storageKey, sha256: sealed.sha256,
          fileNameEnc: sealField(ctx.tenantId, fileNameColumn(attachmentId), fileName),
          dataKeyEnc: sealed.dataKeyEnc, encryptionKeyId: sealed.encryptionKeyId, uploadedBy: ctx.user!.id,
        },
        select: { id: true, mimeType: true, sizeBytes: true, createdAt: true, uploadedBy: true },
      });
      // Ids, type and size only: the file name can name the patient or a diagnosis.
      await recordAudit(tx, ctx, {
        action: "medical_record.attachment_added", entityType: "medical_record_attachment", entityId: attachmentId,
        metadata: { medicalRecordId: id, patientId: record.patient_id, mimeType, sizeBytes: bytes.length, encryptionKeyId: sealed.encryptionKeyId },
      });
      return toAttachmentDto({ ...row, fileName });
    });
  } catch (error) {
    await removeOrphan(storageKey);
    throw error;
  }
}

// The refusal (or failure) that got us here is what the caller must see; an object that could
// not be removed is named by its opaque key only, for the operator to delete.
async function removeOrphan(storageKey: string): Promise<void> {
  try {
    await storage().delete(storageKey);
  } catch (error) {
    console.error("[attachments] could not remove the object of a refused upload", { storageKey, error });
  }
}
