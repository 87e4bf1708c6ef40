import { recordAudit } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import { sealField } from "@/lib/crypto/config";
import { withTenant } from "@/lib/db/tenant";
import { cancelDocument } from "@/lib/documents/cancel";
import { requireClinicalAccessToKnownPatient } from "@/lib/ehr/access";
import { forbidden } from "@/lib/errors";
import { can } from "@/lib/auth/policy";
import { parseInput } from "@/lib/scheduling/access";
import { rxError } from "./errors";
import { itemRow, resolveItems } from "./items";
import { CANCEL_REASON_COLUMN, itemView, loadPrescription, lockPrescription } from "./load";
import { assertAuthor, assertPrescriber, encounterForPrescribing } from "./policy";
import { decideKind } from "./rules/kinds";
import { unitKeyOf } from "./rules/units";
import { cancelPrescriptionSchema, renewPrescriptionSchema, type ItemData } from "./schemas";

// After signing, a prescription changes in one way only: it is cancelled, with a reason (sealed),
// and its document with it, so /v/<code> and every pharmacy see it as cancelled. A draft the
// doctor abandons is cancelled the same way: nothing is ever deleted. Renewal writes a new draft
// with the continuous-use items of a signed prescription, linked to it, in the encounter where
// the doctor renews it; it is checked and signed like any other.

export async function cancelPrescription(ctx: Context, id: unknown, input: unknown, opts: { now?: Date } = {}): Promise<{ id: string; status: "CANCELLED" }> {
  const data = parseInput(cancelPrescriptionSchema, input);
  const userId = assertPrescriber(ctx);
  const now = opts.now ?? new Date();
  return withTenant(ctx, async (tx) => {
    const found = await loadPrescription(tx, id);
    await requireClinicalAccessToKnownPatient(tx, ctx, found.patientId);
    await lockPrescription(tx, found.id);
    const row = await loadPrescription(tx, found.id);
    if (row.status === "CANCELLED") throw rxError("conflict", "alreadyCancelled");
    assertAuthor(userId, row);
    if (row.status === "SIGNED" && !can(ctx, "prescriptions:sign")) throw forbidden();
    const cancel = { status: "CANCELLED" as const, cancelledAt: now, cancelledBy: userId, cancelReasonEnc: sealField(ctx.tenantId, CANCEL_REASON_COLUMN, data.reason) };
    // A signed row may change nothing but its cancellation (trigger): its version stays.
    const changed = await tx.prescription.updateMany({
      where: { id: row.id, status: row.status, version: row.version },
      data: row.status === "DRAFT" ? { ...cancel, version: row.version + 1 } : cancel,
    });
    if (changed.count !== 1) throw rxError("conflict", "staleVersion", { current: row.version, expected: row.version });
    if (row.document && row.document.status !== "CANCELLED") await cancelDocument(tx, ctx, row.document.id, data.reason);
    await recordAudit(tx, ctx, {
      action: "prescription.cancelled", entityType: "prescription", entityId: row.id,
      metadata: { wasSigned: row.status === "SIGNED", documentId: row.document?.id ?? null },
    });
    return { id: row.id, status: "CANCELLED" };
  });
}

export async function renewPrescription(ctx: Context, id: unknown, input: unknown): Promise<{ id: string; version: number; renewedFromId: string }> {
  const data = parseInput(renewPrescriptionSchema, input);
  const doctorId = assertPrescriber(ctx);
  return withTenant(ctx, async (tx) => {
    const source = await loadPrescription(tx, id);
    await requireClinicalAccessToKnownPatient(tx, ctx, source.patientId);
    if (source.status !== "SIGNED") throw rxError("conflict", "renewOnlySigned");
    const continuous = source.items.filter((i) => i.continuousUse);
    if (continuous.length === 0) throw rxError("conflict", "nothingToRenew");
    const encounter = await encounterForPrescribing(tx, ctx, data.medicalRecordId, doctorId);
    if (encounter.patientId !== source.patientId) throw rxError("conflict", "renewPatientMismatch", {}, "medicalRecordId");
    const inputs: ItemData[] = continuous.map((i) => {
      const v = itemView(ctx.tenantId, i);
      return {
        medication: v.medication, drugName: v.drugName, activeIngredient: v.activeIngredient, presentation: v.presentation,
        dose: v.dose, doseUnit: v.doseUnit, route: v.route, frequency: v.frequency, duration: v.duration, durationDays: v.durationDays,
        quantity: v.quantity, quantityUnit: unitKeyOf(v.quantityUnit) ?? "unidade", instructions: v.instructions, continuousUse: true,
      };
    });
    // The catalogue as it is today: a product withdrawn since is refused here, not printed again.
    const items = await resolveItems(ctx, inputs, tx);
    const { kind } = decideKind(items.map((i) => i.regulation));
    const row = await tx.prescription.create({
      data: {
        patientId: source.patientId, doctorId, medicalRecordId: encounter.id, renewedFromId: source.id, kind, status: "DRAFT",
        // Same clinic, same column: the sealed notes open as they are.
        notesEnc: source.notesEnc,
      },
      select: { id: true, version: true },
    });
    await tx.prescriptionItem.createMany({ data: items.map((i) => itemRow(ctx.tenantId, row.id, i)) });
    await recordAudit(tx, ctx, {
      action: "prescription.renewed", entityType: "prescription", entityId: row.id,
      metadata: { renewedFromId: source.id, medicalRecordId: encounter.id, itemCount: items.length, kind },
    });
    return { id: row.id, version: row.version, renewedFromId: source.id };
  });
}
