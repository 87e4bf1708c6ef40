import type { Context } from "@/lib/context";
import { contentHashOf } from "./canonical";
import { openAddendum, openComment } from "./content";
import { canonicalOf, type RecordRow } from "./load";
import type { RecordStatusName, RecordSummary, RecordView, Sections } from "./schemas";

// Rows to DTOs. Prisma types stop here: pages, actions and the API get plain JSON-able values.

export function toView(ctx: Context, row: RecordRow, extra: { needsReview: boolean; addenda: RecordView["addenda"] }): RecordView {
  const canonical = canonicalOf(ctx, row);
  return {
    id: row.id, type: row.type, status: row.status as RecordStatusName, version: row.version,
    patient: {
      id: row.patientId, name: row.patient.socialName ?? row.patient.fullName,
      sex: row.patient.sex === "FEMALE" ? "F" : row.patient.sex === "MALE" ? "M" : null,
    },
    doctor: { id: row.doctorId, name: row.doctor.name },
    appointmentId: row.appointmentId, template: row.template, amendsId: row.amendsId,
    occurredAt: row.occurredAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
    sections: row.type === "ADDENDUM" ? {} : (canonical.sections as Sections),
    diagnoses: row.diagnoses.map((d) => ({
      code: d.code, description: d.cid10.description, isMain: d.isMain, certainty: d.certainty, isCategory: d.cid10.isCategory,
      sexRestriction: d.cid10.sexRestriction === "F" || d.cid10.sexRestriction === "M" ? d.cid10.sexRestriction : null,
    })),
    contentHash: row.contentHash ?? contentHashOf(canonical),
    signedAt: row.signedAt?.toISOString() ?? null, signedBy: row.signedBy,
    needsReview: extra.needsReview,
    review: {
      reviewerId: row.reviewerId, reviewedAt: row.reviewedAt?.toISOString() ?? null,
      comment: openComment(ctx.tenantId, row.reviewCommentEnc), submittedAt: row.submittedAt?.toISOString() ?? null,
    },
    addenda: extra.addenda,
  };
}

/** The addenda loaded with the record (recordSelect), oldest first, opened. */
export function addendaOf(ctx: Context, row: RecordRow): RecordView["addenda"] {
  return row.addenda.map((a) => ({ id: a.id, text: openAddendum(ctx.tenantId, a.contentEnc), signedAt: a.signedAt?.toISOString() ?? null, doctorName: a.doctor.name }));
}

export const summarySelect = {
  id: true, type: true, status: true, version: true, patientId: true, doctorId: true, appointmentId: true,
  occurredAt: true, updatedAt: true, amendsId: true, signedAt: true,
  patient: { select: { fullName: true, socialName: true } },
  doctor: { select: { name: true } },
  diagnoses: { orderBy: { position: "asc" }, select: { code: true, isMain: true, certainty: true } },
} as const;

type SummaryRow = {
  id: string; type: string; status: string; version: number; patientId: string; doctorId: string; appointmentId: string | null;
  occurredAt: Date; updatedAt: Date; amendsId: string | null; signedAt: Date | null;
  patient: { fullName: string; socialName: string | null }; doctor: { name: string };
  diagnoses: { code: string; isMain: boolean; certainty: "SUSPECTED" | "CONFIRMED" }[];
};

export function toSummary(r: SummaryRow): RecordSummary {
  return {
    id: r.id, type: r.type, status: r.status as RecordStatusName, version: r.version,
    patient: { id: r.patientId, name: r.patient.socialName ?? r.patient.fullName }, doctor: { id: r.doctorId, name: r.doctor.name },
    appointmentId: r.appointmentId, occurredAt: r.occurredAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
    amendsId: r.amendsId, signedAt: r.signedAt?.toISOString() ?? null, diagnoses: r.diagnoses,
  };
}
