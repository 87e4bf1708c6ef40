import type { Context } from "@/lib/context";
import { openField } from "@/lib/crypto/config";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { logClinicalRead, requireClinicalAccess, requireClinicalAccessToKnownPatient } from "@/lib/ehr/access";
import { parseInput } from "@/lib/scheduling/access";
import { rxError } from "./errors";
import { regulationsOf } from "./items";
import { loadPrescription, OVERRIDE_REASON_COLUMN, prescriptionSelect, prescriptionSummary, prescriptionView, type PrescriptionRow } from "./load";
import { decideKind } from "./rules/kinds";
import { checkPrescriptionSafety, type AllergyStatus, type SafetyFinding } from "./safety";
import { listPrescriptionsSchema, safetyPreviewSchema, type KindPreview, type PrescriptionSummary, type PrescriptionView } from "./schemas";

// Reading prescriptions: whoever may read the patient's chart (lib/ehr/access.ts), every read
// logged in data_access_logs. Override reasons are shown to the prescriber only; pharmacies see
// none of this (they get the public verification and the dispense answer).

const LIST_LIMIT = 100;

async function extrasOf(tx: Tx, ctx: Context, row: PrescriptionRow): Promise<Pick<PrescriptionView, "overrides" | "dispensings">> {
  const overrides = await tx.prescriptionOverride.findMany({
    where: { prescriptionId: row.id }, orderBy: { createdAt: "asc" },
    select: { findingKey: true, severity: true, reasonEnc: true, createdAt: true },
  });
  const dispensings = await tx.dispensing.findMany({
    where: { prescriptionId: row.id }, orderBy: { dispensedAt: "asc" },
    select: {
      id: true, pharmacyName: true, pharmacyCnpj: true, pharmacistName: true, pharmacistCrf: true, dispensedAt: true,
      items: { select: { prescriptionItemId: true, quantity: true } },
    },
  });
  const author = ctx.user?.id === row.doctorId;
  return {
    overrides: overrides.map((o) => ({
      findingKey: o.findingKey, severity: o.severity, createdAt: o.createdAt.toISOString(),
      reason: author ? openField(ctx.tenantId, OVERRIDE_REASON_COLUMN, o.reasonEnc) : null,
    })),
    dispensings: dispensings.map((d) => ({
      id: d.id, pharmacyName: d.pharmacyName, pharmacyCnpj: d.pharmacyCnpj, pharmacistName: d.pharmacistName,
      pharmacistCrf: d.pharmacistCrf, dispensedAt: d.dispensedAt.toISOString(),
      items: d.items.map((i) => ({ itemId: i.prescriptionItemId, quantity: i.quantity })),
    })),
  };
}

export async function getPrescription(ctx: Context, id: unknown): Promise<PrescriptionView> {
  return withTenant(ctx, async (tx) => {
    const row = await loadPrescription(tx, id);
    const access = await requireClinicalAccessToKnownPatient(tx, ctx, row.patientId);
    const view = prescriptionView(ctx, row, await extrasOf(tx, ctx, row));
    await logClinicalRead(tx, ctx, access, { dataType: "prescription", entityId: row.id });
    return view;
  });
}

/** Newest first: a patient's prescriptions, or one encounter's. */
export async function listPrescriptions(ctx: Context, filters: unknown): Promise<PrescriptionSummary[]> {
  const data = parseInput(listPrescriptionsSchema, filters);
  return withTenant(ctx, async (tx) => {
    let patientId = data.patientId;
    if (data.medicalRecordId) {
      const encounter = await tx.medicalRecord.findFirst({ where: { id: data.medicalRecordId }, select: { patientId: true } });
      if (!encounter || (patientId && encounter.patientId !== patientId)) throw rxError("not_found", "encounterNotFound");
      patientId = encounter.patientId;
    }
    const access = await requireClinicalAccess(tx, ctx, patientId);
    const rows = await tx.prescription.findMany({
      where: { patientId: access.patientId, ...(data.medicalRecordId ? { medicalRecordId: data.medicalRecordId } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: LIST_LIMIT, select: prescriptionSelect,
    });
    await logClinicalRead(tx, ctx, access, { dataType: "prescriptions", entityId: data.medicalRecordId ?? null });
    return rows.map(prescriptionSummary);
  });
}

/** One encounter's prescriptions in full, for the chart's panel (one read, one log row). */
export async function prescriptionsOfEncounter(ctx: Context, medicalRecordId: string): Promise<PrescriptionView[]> {
  return withTenant(ctx, async (tx) => {
    const encounter = await tx.medicalRecord.findFirst({ where: { id: medicalRecordId }, select: { patientId: true } });
    if (!encounter) throw rxError("not_found", "encounterNotFound");
    const access = await requireClinicalAccessToKnownPatient(tx, ctx, encounter.patientId);
    const rows = await tx.prescription.findMany({ where: { medicalRecordId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: prescriptionSelect });
    const views: PrescriptionView[] = [];
    for (const row of rows) views.push(prescriptionView(ctx, row, await extrasOf(tx, ctx, row)));
    await logClinicalRead(tx, ctx, access, { dataType: "prescriptions", entityId: medicalRecordId });
    return views;
  });
}

export type SafetyPreview = { allergyStatus: AllergyStatus; findings: SafetyFinding[]; kind: KindPreview };

/** The editor's live alerts: allergies, interactions and the kind the items force, as typed so far. */
export async function previewPrescriptionSafety(ctx: Context, input: unknown): Promise<SafetyPreview> {
  const data = parseInput(safetyPreviewSchema, input);
  const items = data.items.map((i, index) => ({
    position: index + 1, medicationId: i.medication?.source === "catalogue" ? i.medication.id : null,
    clinicMedicationId: i.medication?.source === "clinic" ? i.medication.id : null,
    drugName: i.drugName, activeIngredient: i.activeIngredient, route: i.route, continuousUse: i.continuousUse,
  }));
  const regulations = await regulationsOf(ctx, items);
  return withTenant(ctx, async (tx) => {
    const access = await requireClinicalAccess(tx, ctx, data.patientId);
    const safety = await checkPrescriptionSafety(tx, ctx, {
      patientId: access.patientId, items: items.filter((i) => i.drugName || i.medicationId || i.clinicMedicationId),
      ...(data.excludePrescriptionId ? { excludePrescriptionId: data.excludePrescriptionId } : {}),
    });
    await logClinicalRead(tx, ctx, access, { dataType: "allergies" });
    const { kind, validityDays, reasons, refusals } = decideKind(regulations);
    return { ...safety, kind: { kind, validityDays, reasons, refusals } };
  });
}
