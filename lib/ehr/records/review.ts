import { recordAudit } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { requireClinicalAccess } from "@/lib/ehr/access";
import { AppError } from "@/lib/errors";
import type { RecordStatus } from "@/lib/generated/prisma/enums";
import { parseInput } from "@/lib/scheduling/access";
import { sealComment } from "./content";
import { loadRecord } from "./load";
import { assertClinician, assertVersion, needsReview, staleConflict } from "./policy";
import { tenantSettings } from "./queries";
import { reviewSchema } from "./schemas";
import { recordsMessage } from "./messages";

// The residents' review: draft → pending review → approved (the author then signs) or returned
// with a comment (the author edits and submits again). The reviewer is another doctor who does
// not need review themself. Each step is a conditional update on the state it was read in.

const conflict = (message: string) => new AppError("conflict", message);

export async function reviewRecord(ctx: Context, id: unknown, input: unknown, now: Date = new Date()): Promise<{ id: string; status: RecordStatus; version: number }> {
  const data = parseInput(reviewSchema, input);
  const userId = assertClinician(ctx, data.action === "submit" ? "records:write" : "records:sign");
  return withTenant(ctx, async (tx) => {
    const row = await loadRecord(tx, id);
    await requireClinicalAccess(tx, ctx, row.patientId);
    const settings = await tenantSettings(tx, ctx);
    if (row.status === "SIGNED") throw conflict(recordsMessage("alreadySigned"));
    let to: RecordStatus;
    let extra: Record<string, unknown> = {};
    if (data.action === "submit") {
      if (row.doctorId !== userId) throw conflict(recordsMessage("reviewAuthorSubmits"));
      if (!needsReview(settings, row.doctorId)) throw conflict(recordsMessage("reviewNotRequired"));
      if (row.status !== "DRAFT" && row.status !== "RETURNED") throw conflict(recordsMessage("reviewAlreadySubmitted"));
      to = "PENDING_REVIEW";
      extra = { submittedAt: now, reviewCommentEnc: null };
    } else {
      if (row.doctorId === userId) throw conflict(recordsMessage("reviewNotOwn"));
      if (needsReview(settings, userId)) throw conflict(recordsMessage("reviewerUnderReview"));
      if (row.status !== "PENDING_REVIEW") throw conflict(recordsMessage("reviewNotPending"));
      to = data.action === "approve" ? "APPROVED" : "RETURNED";
      extra = { reviewerId: userId, reviewedAt: now, reviewCommentEnc: data.action === "return" ? sealComment(ctx.tenantId, data.comment) : null };
    }
    assertVersion(row, data.version);
    const changed = await tx.medicalRecord.updateMany({
      where: { id: row.id, version: row.version, status: row.status },
      data: { status: to, version: row.version + 1, ...extra },
    });
    if (changed.count !== 1) throw staleConflict();
    await recordAudit(tx, ctx, {
      action: `medical_record.review_${data.action === "submit" ? "submitted" : data.action === "approve" ? "approved" : "returned"}`,
      entityType: "medical_record", entityId: row.id,
      metadata: { before: { status: row.status }, after: { status: to }, version: row.version + 1, ...(data.action === "return" ? { hasComment: true } : {}) },
    });
    return { id: row.id, status: to, version: row.version + 1 };
  });
}
