import { withTenant } from "@/lib/db/tenant";
import type { AllergySeverity } from "@/lib/generated/prisma/enums";
import { scopeFor, type TestPatient, type TestTenant, type TestUser } from "./factories";

// Rows the safety check reads, written as the app writes them (withTenant, RLS live): allergies
// (free text, coded to an ingredient or a class) and signed prescriptions with continuous-use
// items. A prescription is created as a draft, its items added, then signed, because the
// database refuses items on a signed one.

export async function createAllergy(
  tenant: TestTenant, patient: Pick<TestPatient, "id">,
  data: { substance: string; severity?: AllergySeverity; ingredientId?: string | null; drugClass?: string | null; inactive?: boolean },
): Promise<string> {
  return withTenant(scopeFor(tenant), async (tx) => (await tx.patientAllergy.create({
    data: {
      patientId: patient.id, substance: data.substance, severity: data.severity ?? "MODERATE",
      ingredientId: data.ingredientId ?? null, drugClass: data.drugClass ?? null, inactiveAt: data.inactive ? new Date() : null,
    },
    select: { id: true },
  })).id);
}

export type TestPrescriptionItem = {
  medicationId?: string | null; clinicMedicationId?: string | null; drugName: string; activeIngredient?: string | null; continuousUse?: boolean;
};

export async function createPrescription(
  tenant: TestTenant, doctor: Pick<TestUser, "id">, patient: Pick<TestPatient, "id">, items: TestPrescriptionItem[],
  status: "DRAFT" | "SIGNED" | "CANCELLED" = "SIGNED",
): Promise<string> {
  return withTenant(scopeFor(tenant), async (tx) => {
    const { id } = await tx.prescription.create({ data: { patientId: patient.id, doctorId: doctor.id }, select: { id: true } });
    await tx.prescriptionItem.createMany({
      data: items.map((item, position) => ({
        prescriptionId: id, position, medicationId: item.medicationId ?? null, clinicMedicationId: item.clinicMedicationId ?? null,
        freeText: !item.medicationId && !item.clinicMedicationId, drugName: item.drugName, activeIngredient: item.activeIngredient ?? null,
        dose: "1", doseUnit: "comprimido", route: "oral", frequency: "1x ao dia", quantity: 30, quantityUnit: "comprimidos",
        quantityWords: "trinta", continuousUse: item.continuousUse ?? false,
      })),
    });
    if (status !== "DRAFT") {
      await tx.prescription.update({
        where: { tenantId_id: { tenantId: tenant.id, id } },
        data: { status: "SIGNED", signedAt: new Date(), issuedAt: new Date() },
      });
    }
    if (status === "CANCELLED") {
      await tx.prescription.update({
        where: { tenantId_id: { tenantId: tenant.id, id } },
        data: { status: "CANCELLED", cancelledAt: new Date(), cancelledBy: doctor.id, cancelReasonEnc: "v1:test" },
      });
    }
    return id;
  });
}
