import { recordAudit } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import { sealField } from "@/lib/crypto/config";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { requireClinicalAccessToKnownPatient } from "@/lib/ehr/access";
import { forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/scheduling/access";
import { cancelReasonColumn } from "./canonical";
import { DocumentError } from "./errors";
import { mayIssue } from "./issue";
import { loadDocument } from "./queries";
import { cancelDocumentSchema } from "./schemas";
import type { DocumentKind } from "./types";

// A document is never deleted or edited: its author cancels it, with a reason (sealed: it may
// name the patient's situation), and from then on /v/<code> says CANCELADO. The database trigger
// (clinical_documents_immutable) lets an UPDATE through only when it is this one.

export async function cancelDocument(tx: Tx, ctx: Context, documentId: string, reason: string): Promise<void> {
  const { reason: text } = parseInput(cancelDocumentSchema, { reason });
  const row = await loadDocument(tx, documentId, {});
  await requireClinicalAccessToKnownPatient(tx, ctx, row.patientId);
  if (!mayIssue(ctx, row.kind as DocumentKind)) throw forbidden();
  if (row.doctor.id !== ctx.user!.id) throw new DocumentError("notAuthor");
  const now = new Date();
  const { count } = await tx.clinicalDocument.updateMany({
    where: { id: row.id, status: "ISSUED", doctorId: ctx.user!.id },
    data: { status: "CANCELLED", cancelledAt: now, cancelledBy: ctx.user!.id, cancelReasonEnc: sealField(ctx.tenantId, cancelReasonColumn(row.id), text) },
  });
  if (count !== 1) throw new DocumentError("alreadyCancelled");
  await recordAudit(tx, ctx, {
    action: "clinical_document.cancelled", entityType: "clinical_document", entityId: row.id,
    metadata: { kind: row.kind, patientId: row.patientId, prescriptionId: row.prescriptionId },
  });
}

/** The chart's and the API's door: its own transaction. */
export async function cancelDocumentById(ctx: Context, documentId: unknown, input: unknown): Promise<{ id: string; status: "CANCELLED" }> {
  const { reason } = parseInput(cancelDocumentSchema, input);
  return withTenant(ctx, async (tx) => {
    const row = await loadDocument(tx, documentId, {});
    await cancelDocument(tx, ctx, row.id, reason);
    return { id: row.id, status: "CANCELLED" };
  });
}
