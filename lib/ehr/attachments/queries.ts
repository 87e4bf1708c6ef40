import { z } from "zod";
import type { Context } from "@/lib/context";
import { openField } from "@/lib/crypto/config";
import { withTenant } from "@/lib/db/tenant";
import { notFound } from "@/lib/errors";
import { logClinicalRead, requireClinicalAccess } from "@/lib/ehr/access";
import { readAll } from "@/lib/storage/object-storage";
import { storage } from "@/lib/storage/config";
import { openAttachment } from "./crypto";
import { AttachmentIntegrityError } from "./errors";
import { isAttachmentMime, type AttachmentMime } from "./file-type";
import { attachmentDownloadUrl, type AttachmentDto } from "./schemas";

// Reads of attachments. Both go through the one clinical access decision (lib/ehr/access.ts)
// and log the read in the same transaction as the metadata they return; the bytes are fetched
// from storage after that transaction, so no connection waits on the object store.

const idSchema = z.uuid();
/** The additional data an attachment's sealed file name is bound to (its row). */
export const fileNameColumn = (id: string) => `medical_record_attachments.file_name:${id}`;

/** The display name of an attachment, opened from its sealed column. */
export const openFileName = (tenantId: string, id: string, fileNameEnc: string) => openField(tenantId, fileNameColumn(id), fileNameEnc);

type Row = { id: string; mimeType: string; sizeBytes: number; createdAt: Date; uploadedBy: string; fileName: string };

export function toAttachmentDto(row: Row): AttachmentDto {
  return {
    id: row.id, fileName: row.fileName, mimeType: row.mimeType as AttachmentDto["mimeType"], sizeBytes: row.sizeBytes,
    createdAt: row.createdAt.toISOString(), uploadedBy: row.uploadedBy, downloadUrl: attachmentDownloadUrl(row.id),
  };
}

/** The attachments of one medical record, oldest first; logged as a read of the patient's chart. */
export async function listAttachments(ctx: Context, recordId: unknown): Promise<AttachmentDto[]> {
  const parsed = idSchema.safeParse(recordId);
  if (!parsed.success) throw notFound("Registro do prontuário");
  return withTenant(ctx, async (tx) => {
    const record = await tx.medicalRecord.findFirst({ where: { id: parsed.data }, select: { id: true, patientId: true } });
    if (!record) throw notFound("Registro do prontuário");
    const access = await requireClinicalAccess(tx, ctx, record.patientId);
    const rows = await tx.medicalRecordAttachment.findMany({
      where: { medicalRecordId: record.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, mimeType: true, sizeBytes: true, createdAt: true, uploadedBy: true, fileNameEnc: true },
    });
    await logClinicalRead(tx, ctx, access, { dataType: "medical_record_attachments", entityId: record.id });
    return rows.map(({ fileNameEnc, ...row }) => toAttachmentDto({ ...row, fileName: openField(ctx.tenantId, fileNameColumn(row.id), fileNameEnc) }));
  });
}

export type AttachmentDownload = { bytes: Buffer; mimeType: AttachmentMime; fileName: string };

/**
 * One attachment's plain bytes for download. The access decision and the data_access_logs row
 * (action EXPORT: a copy leaves the system) are written with the metadata read; then the object
 * is fetched, decrypted and checked against its SHA-256. A damaged object throws
 * AttachmentIntegrityError and is never served.
 */
export async function downloadAttachment(ctx: Context, attachmentId: unknown): Promise<AttachmentDownload> {
  const parsed = idSchema.safeParse(attachmentId);
  if (!parsed.success) throw notFound("Anexo");
  const meta = await withTenant(ctx, async (tx) => {
    const row = await tx.medicalRecordAttachment.findFirst({
      where: { id: parsed.data },
      select: {
        id: true, mimeType: true, sizeBytes: true, storageKey: true, sha256: true, dataKeyEnc: true, fileNameEnc: true,
        medicalRecord: { select: { patientId: true } },
      },
    });
    if (!row) throw notFound("Anexo");
    const access = await requireClinicalAccess(tx, ctx, row.medicalRecord.patientId);
    await logClinicalRead(tx, ctx, access, { dataType: "medical_record_attachment", entityId: row.id, action: "EXPORT" });
    return row;
  });
  if (!isAttachmentMime(meta.mimeType)) throw new AttachmentIntegrityError("stored type is not an attachment type");
  const object = await readAll(await storage().get(meta.storageKey));
  const bytes = openAttachment(ctx.tenantId, meta.id, meta.dataKeyEnc, object, meta.sha256);
  if (bytes.length !== meta.sizeBytes) throw new AttachmentIntegrityError("stored object has the wrong size");
  return { bytes, mimeType: meta.mimeType, fileName: openField(ctx.tenantId, fileNameColumn(meta.id), meta.fileNameEnc) };
}
