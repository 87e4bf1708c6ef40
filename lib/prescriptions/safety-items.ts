import type { SafetyItem } from "./safety";
import type { ItemRow } from "./load";

/** Stored items as the safety check (lib/prescriptions/safety) reads them. */
export function safetyItemsOf(items: readonly Pick<ItemRow, "position" | "medicationId" | "clinicMedicationId" | "drugName" | "activeIngredient">[]): SafetyItem[] {
  return items.map((i) => ({
    position: i.position, medicationId: i.medicationId, clinicMedicationId: i.clinicMedicationId,
    drugName: i.drugName, activeIngredient: i.activeIngredient,
  }));
}
