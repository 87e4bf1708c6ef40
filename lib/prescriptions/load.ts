import type { Context } from "@/lib/context";
import { openField } from "@/lib/crypto/config";
import type { Tx } from "@/lib/db/client";
import { z } from "zod";
import { prescriptionNotFound } from "./errors";
import { INSTRUCTIONS_COLUMN, refOf } from "./items";
import { unitKeyOf } from "./rules/units";
import type { PrescriptionItemView, PrescriptionSummary, PrescriptionView } from "./schemas";

// The one loader of a prescription row: a bad id, another clinic's id (RLS) and an unknown id
// are all "not found", before anything about the prescription is known.

export const NOTES_COLUMN = "prescriptions.notes";
export const CANCEL_REASON_COLUMN = "prescriptions.cancel_reason";
export const OVERRIDE_REASON_COLUMN = "prescription_overrides.reason";

const itemSelect = {
  id: true, position: true, medicationId: true, clinicMedicationId: true, freeText: true, drugName: true,
  activeIngredient: true, presentation: true, dose: true, doseUnit: true, route: true, frequency: true,
  duration: true, durationDays: true, quantity: true, quantityUnit: true, quantityWords: true,
  dispensedQuantity: true, instructionsEnc: true, continuousUse: true,
} as const;

export const prescriptionSelect = {
  id: true, status: true, kind: true, version: true, patientId: true, doctorId: true, medicalRecordId: true,
  renewedFromId: true, notesEnc: true, issuedAt: true, validUntil: true, signedAt: true, contentHash: true,
  cancelledAt: true, cancelledBy: true, createdAt: true, updatedAt: true,
  patient: { select: { fullName: true, socialName: true } },
  doctor: { select: { name: true } },
  items: { orderBy: { position: "asc" }, select: itemSelect },
  document: { select: { id: true, verificationCode: true, status: true } },
} as const;

export type PrescriptionRow = NonNullable<Awaited<ReturnType<typeof findRow>>>;
export type ItemRow = PrescriptionRow["items"][number];

const idSchema = z.uuid();

function findRow(tx: Tx, id: string) {
  return tx.prescription.findFirst({ where: { id }, select: prescriptionSelect });
}

export async function loadPrescription(tx: Tx, id: unknown): Promise<PrescriptionRow> {
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) throw prescriptionNotFound();
  const row = await findRow(tx, parsed.data);
  if (!row) throw prescriptionNotFound();
  return row;
}

/** Takes the row lock, so that two signs, or a sign and a save, of one draft run one after the other. */
export async function lockPrescription(tx: Tx, id: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM prescriptions WHERE id = ${id}::uuid FOR UPDATE`;
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const patientName = (p: { fullName: string; socialName: string | null }) => p.socialName ?? p.fullName;

export function itemView(tenantId: string, i: ItemRow): PrescriptionItemView {
  return {
    id: i.id, position: i.position, medication: refOf(i), freeText: i.freeText, drugName: i.drugName,
    activeIngredient: i.activeIngredient, presentation: i.presentation, dose: i.dose, doseUnit: i.doseUnit,
    route: i.route, frequency: i.frequency, duration: i.duration, durationDays: i.durationDays,
    quantity: i.quantity, quantityUnit: i.quantityUnit, quantityUnitKey: unitKeyOf(i.quantityUnit), quantityWords: i.quantityWords,
    dispensedQuantity: i.dispensedQuantity,
    instructions: i.instructionsEnc ? openField(tenantId, INSTRUCTIONS_COLUMN, i.instructionsEnc) : null,
    continuousUse: i.continuousUse,
  };
}

type Extras = Pick<PrescriptionView, "overrides" | "dispensings">;

export function prescriptionView(ctx: Pick<Context, "tenantId">, row: PrescriptionRow, extras: Extras): PrescriptionView {
  return {
    id: row.id, status: row.status, kind: row.kind, version: row.version,
    patient: { id: row.patientId, name: patientName(row.patient) },
    doctor: { id: row.doctorId, name: row.doctor.name },
    medicalRecordId: row.medicalRecordId, renewedFromId: row.renewedFromId,
    notes: row.notesEnc ? openField(ctx.tenantId, NOTES_COLUMN, row.notesEnc) : null,
    items: row.items.map((i) => itemView(ctx.tenantId, i)),
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
    signedAt: row.signedAt?.toISOString() ?? null, validUntil: day(row.validUntil), contentHash: row.contentHash,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    document: row.document ? { id: row.document.id, verificationCode: row.document.verificationCode, status: row.document.status } : null,
    ...extras,
  };
}

export function prescriptionSummary(row: PrescriptionRow): PrescriptionSummary {
  return {
    id: row.id, status: row.status, kind: row.kind, version: row.version, patientId: row.patientId,
    medicalRecordId: row.medicalRecordId, renewedFromId: row.renewedFromId, createdAt: row.createdAt.toISOString(),
    signedAt: row.signedAt?.toISOString() ?? null, validUntil: day(row.validUntil), cancelledAt: row.cancelledAt?.toISOString() ?? null,
    doctor: { id: row.doctorId, name: row.doctor.name },
    items: row.items.map((i) => ({ position: i.position, drugName: i.drugName, continuousUse: i.continuousUse, quantity: i.quantity, dispensedQuantity: i.dispensedQuantity })),
  };
}
