import { z } from "zod";
import type { Context } from "@/lib/context";
import { openField } from "@/lib/crypto/config";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { logClinicalRead, requireClinicalAccessToKnownPatient } from "@/lib/ehr/access";
import { notFound } from "@/lib/errors";
import { cancelReasonColumn, contentColumn, type DocumentContent } from "./canonical";
import { verificationUrl } from "./code";
import { documentPdfUrl, type DocumentDetailDto, type DocumentDto, type DocumentKind, type DocumentStatus } from "./types";

// Reads of a patient's documents. Each goes through the clinical access decision
// (lib/ehr/access.ts) and leaves its data_access_logs row in the same transaction. Another
// clinic's id, or a malformed one, is not found.

const idSchema = z.uuid();
export const DOCUMENT_NOT_FOUND = "Documento";

export const documentSelect = {
  id: true, kind: true, status: true, patientId: true, medicalRecordId: true, prescriptionId: true, signedAt: true,
  validUntil: true, verificationCode: true, cancelledAt: true, doctor: { select: { id: true, name: true } },
} as const;

type Row = {
  id: string; kind: string; status: string; patientId: string; medicalRecordId: string | null; prescriptionId: string | null;
  signedAt: Date; validUntil: Date | null; verificationCode: string; cancelledAt: Date | null; doctor: { id: string; name: string };
};

export function toDocumentDto(ctx: Context, row: Row): DocumentDto {
  return {
    id: row.id, kind: row.kind as DocumentKind, status: row.status as DocumentStatus, patientId: row.patientId, doctor: row.doctor,
    medicalRecordId: row.medicalRecordId, prescriptionId: row.prescriptionId, issuedAt: row.signedAt.toISOString(),
    validUntil: row.validUntil?.toISOString().slice(0, 10) ?? null, verificationCode: row.verificationCode,
    verificationUrl: verificationUrl(ctx.tenantSlug, row.verificationCode), pdfUrl: documentPdfUrl(row.id),
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
  };
}

/** A document row by id inside a tenant transaction, or 404. */
export async function loadDocument<S extends Record<string, unknown>>(tx: Tx, id: unknown, select: S) {
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) throw notFound(DOCUMENT_NOT_FOUND);
  const row = await tx.clinicalDocument.findFirst({ where: { id: parsed.data }, select: { ...documentSelect, ...select } });
  if (!row) throw notFound(DOCUMENT_NOT_FOUND);
  return row;
}

/** The documents of one encounter, newest first. */
export async function listRecordDocuments(ctx: Context, recordId: unknown): Promise<DocumentDto[]> {
  const parsed = idSchema.safeParse(recordId);
  if (!parsed.success) throw notFound("Registro do prontuário");
  return withTenant(ctx, async (tx) => {
    const record = await tx.medicalRecord.findFirst({ where: { id: parsed.data }, select: { id: true, patientId: true } });
    if (!record) throw notFound("Registro do prontuário");
    const access = await requireClinicalAccessToKnownPatient(tx, ctx, record.patientId);
    const rows = await tx.clinicalDocument.findMany({
      where: { medicalRecordId: record.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: documentSelect,
    });
    await logClinicalRead(tx, ctx, access, { dataType: "clinical_documents", entityId: record.id });
    return rows.map((row) => toDocumentDto(ctx, row));
  });
}

/** One document with what it says (the signed content) and, when cancelled, why. */
export async function getDocument(ctx: Context, id: unknown): Promise<DocumentDetailDto> {
  return withTenant(ctx, async (tx) => {
    const row = await loadDocument(tx, id, { contentEnc: true, cancelReasonEnc: true });
    const access = await requireClinicalAccessToKnownPatient(tx, ctx, row.patientId);
    await logClinicalRead(tx, ctx, access, { dataType: "clinical_document", entityId: row.id });
    const content = JSON.parse(openField(ctx.tenantId, contentColumn(row.id), row.contentEnc)) as DocumentContent;
    const cancelReason = row.cancelReasonEnc ? openField(ctx.tenantId, cancelReasonColumn(row.id), row.cancelReasonEnc) : null;
    return { ...toDocumentDto(ctx, row), body: content.body, cancelReason };
  });
}
