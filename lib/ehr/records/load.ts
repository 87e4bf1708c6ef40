import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { z } from "zod";
import { CANONICAL_SCHEMA, type CanonicalRecord } from "./canonical";
import { openAddendum, openSections } from "./content";
import { recordsMessage } from "./messages";

// The one loader of an encounter row: a bad id, another clinic's id (RLS) and an unknown id are
// all "not found", before anything about the record is known.

export const recordSelect = {
  id: true, tenantId: true, type: true, status: true, version: true, patientId: true, doctorId: true,
  appointmentId: true, templateId: true, contentEnc: true, amendsId: true, occurredAt: true, updatedAt: true,
  submittedAt: true, reviewerId: true, reviewedAt: true, reviewCommentEnc: true, signedAt: true, signedBy: true,
  contentHash: true, signedContentEnc: true, signature: true,
  patient: { select: { fullName: true, socialName: true, birthDate: true, sex: true } },
  doctor: { select: { name: true, crm: true, crmUf: true } },
  template: { select: { id: true, name: true } },
  addenda: {
    where: { type: "ADDENDUM" },
    orderBy: [{ occurredAt: "asc" as const }, { id: "asc" as const }] as Prisma.MedicalRecordOrderByWithRelationInput[],
    select: { id: true, contentEnc: true, signedAt: true, doctor: { select: { name: true } } },
  },
  diagnoses: {
    orderBy: { position: "asc" },
    select: { code: true, isMain: true, certainty: true, position: true, cid10: { select: { description: true, sexRestriction: true, isCategory: true } } },
  },
} as const;

export type RecordRow = NonNullable<Awaited<ReturnType<typeof findRow>>>;

export const recordIdSchema = z.uuid();

function findRow(tx: Tx, id: string) {
  return tx.medicalRecord.findFirst({ where: { id }, select: recordSelect });
}

export async function loadRecord(tx: Tx, id: unknown): Promise<RecordRow> {
  const parsed = recordIdSchema.safeParse(id);
  if (!parsed.success) throw notFound(recordsMessage("recordNotFound"));
  const row = await findRow(tx, parsed.data);
  if (!row) throw notFound(recordsMessage("recordNotFound"));
  return row;
}

/** The canonical form of a row as it is stored now (narrative decrypted). */
export function canonicalOf(ctx: Pick<Context, "tenantId">, row: RecordRow): CanonicalRecord {
  const crm = row.doctor.crm ? `${row.doctor.crm}/${row.doctor.crmUf ?? ""}` : null;
  return {
    schema: CANONICAL_SCHEMA,
    tenantId: ctx.tenantId,
    recordId: row.id,
    type: row.type,
    amendsId: row.amendsId,
    occurredAt: row.occurredAt.toISOString(),
    appointmentId: row.appointmentId,
    template: row.template ? { id: row.template.id, name: row.template.name } : null,
    patient: { id: row.patientId, name: row.patient.fullName, birthDate: row.patient.birthDate?.toISOString().slice(0, 10) ?? null },
    doctor: { id: row.doctorId, name: row.doctor.name, crm },
    sections: row.type === "ADDENDUM" ? { addendum: openAddendum(ctx.tenantId, row.contentEnc) } : openSections(ctx.tenantId, row.contentEnc),
    diagnoses: row.diagnoses.map((d) => ({
      position: d.position, code: d.code, description: d.cid10.description, isMain: d.isMain, certainty: d.certainty,
    })),
  };
}
