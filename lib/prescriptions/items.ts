import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { sealField } from "@/lib/crypto/config";
import { drugCatalogue } from "./catalogue/catalogue";
import { medicationById, type MedicationHit } from "./catalogue/search";
import { ingredientsOf, matchText } from "./safety/resolve";
import { rxError } from "./errors";
import type { ItemRegulation } from "./rules/kinds";
import { quantityText } from "./rules/units";
import type { ItemData, MedicationRef } from "./schemas";

// From what the editor sent to what is stored: a catalogue item takes its name, ingredients and
// regulatory flags from the catalogue (medicationById), never from the client; a free-text item
// is printed as typed, and its flags come from the catalogue ingredients its words name (matched
// as the safety check matches them), so typing "clonazepam" by hand cannot turn a controle
// especial into a receita simples.

export const INSTRUCTIONS_COLUMN = "prescription_items.instructions";

export type ResolvedItem = {
  position: number;
  medicationId: string | null;
  clinicMedicationId: string | null;
  freeText: boolean;
  drugName: string;
  activeIngredient: string | null;
  presentation: string | null;
  dose: string; doseUnit: string; route: string; frequency: string;
  duration: string | null; durationDays: number | null;
  quantity: number; quantityUnit: string; quantityWords: string;
  instructions: string | null;
  continuousUse: boolean;
  regulation: ItemRegulation;
};

/**
 * The catalogue ingredients free text names, by the safety check's own matching (DCB names,
 * aliases, salts, brands: lib/prescriptions/safety/resolve.ts). Both the written ingredient and
 * the name count: for the regulatory kind, naming a controlled substance anywhere is enough.
 */
async function ingredientsNamedIn(drugName: string, activeIngredient: string | null) {
  const catalogue = await drugCatalogue();
  const ids = new Set([
    ...matchText(catalogue, activeIngredient, { classes: false }).ingredients,
    ...matchText(catalogue, drugName, { classes: false }).ingredients,
  ]);
  return ingredientsOf(catalogue, ids);
}

function fromHit(hit: MedicationHit) {
  return {
    drugName: hit.name,
    activeIngredient: hit.ingredients.map((i) => i.name).join(" + ") || null,
    presentation: hit.presentation,
    controlLists: hit.ingredients.map((i) => i.controlList).filter((l): l is string => !!l),
    antimicrobial: hit.antimicrobial || hit.ingredients.some((i) => i.antimicrobial),
  };
}

type Flags = ReturnType<typeof fromHit>;

/** Name, ingredients and flags of one item: the catalogue's for a catalogue item, the words' for free text. */
async function flagsOf(
  ctx: Context, ref: MedicationRef | null, drugName: string, activeIngredient: string | null, tx?: Tx,
): Promise<Flags | null> {
  if (ref) {
    const hit = await medicationById(ctx, ref, tx);
    return hit ? fromHit(hit) : null;
  }
  const named = await ingredientsNamedIn(drugName, activeIngredient);
  return {
    drugName, activeIngredient, presentation: null,
    controlLists: named.map((i) => i.controlList).filter((l): l is string => !!l),
    antimicrobial: named.some((i) => i.antimicrobial),
  };
}

const regulationOf = (position: number, flags: Flags, route: string, continuousUse: boolean): ItemRegulation => ({
  position, drugName: flags.drugName, route, controlLists: [...new Set(flags.controlLists)], antimicrobial: flags.antimicrobial, continuousUse,
});

/** `tx`: the caller's transaction, when it resolves inside one. */
export async function resolveItems(ctx: Context, items: readonly ItemData[], tx?: Tx): Promise<ResolvedItem[]> {
  const out: ResolvedItem[] = [];
  for (const [index, item] of items.entries()) {
    const position = index + 1;
    const flags = await flagsOf(ctx, item.medication, item.drugName, item.activeIngredient, tx);
    if (!flags) throw rxError("validation", "medicationNotFound", {}, `items.${index}.medication`);
    const quantity = quantityText(item.quantity, item.quantityUnit);
    out.push({
      position,
      medicationId: item.medication?.source === "catalogue" ? item.medication.id : null,
      clinicMedicationId: item.medication?.source === "clinic" ? item.medication.id : null,
      freeText: item.medication === null,
      drugName: flags.drugName,
      activeIngredient: flags.activeIngredient,
      presentation: item.presentation ?? flags.presentation,
      dose: item.dose, doseUnit: item.doseUnit, route: item.route, frequency: item.frequency,
      duration: item.duration, durationDays: item.durationDays,
      quantity: item.quantity, quantityUnit: quantity.unit, quantityWords: quantity.words,
      instructions: item.instructions,
      continuousUse: item.continuousUse,
      regulation: regulationOf(position, flags, item.route, item.continuousUse),
    });
  }
  return out;
}

type StoredItem = {
  position: number; medicationId: string | null; clinicMedicationId: string | null; drugName: string;
  activeIngredient: string | null; route: string; continuousUse: boolean;
};

export const refOf = (i: Pick<StoredItem, "medicationId" | "clinicMedicationId">): MedicationRef | null =>
  i.medicationId ? { source: "catalogue", id: i.medicationId } : i.clinicMedicationId ? { source: "clinic", id: i.clinicMedicationId } : null;

/** The regulation of stored items, read again from the catalogue (at signing, or for a preview). */
export async function regulationsOf(ctx: Context, items: readonly StoredItem[], tx?: Tx): Promise<ItemRegulation[]> {
  const out: ItemRegulation[] = [];
  for (const item of items) {
    // A catalogue row that vanished since the draft was written: judged by its words, like free text.
    const flags = (await flagsOf(ctx, refOf(item), item.drugName, item.activeIngredient, tx))
      ?? (await flagsOf(ctx, null, item.drugName, item.activeIngredient))!;
    out.push(regulationOf(item.position, flags, item.route, item.continuousUse));
  }
  return out;
}

/** The row to insert for a resolved item (instructions sealed). */
export function itemRow(tenantId: string, prescriptionId: string, item: ResolvedItem) {
  return {
    prescriptionId, position: item.position,
    medicationId: item.medicationId, clinicMedicationId: item.clinicMedicationId, freeText: item.freeText,
    drugName: item.drugName, activeIngredient: item.activeIngredient, presentation: item.presentation,
    dose: item.dose, doseUnit: item.doseUnit, route: item.route, frequency: item.frequency,
    duration: item.duration, durationDays: item.durationDays,
    quantity: item.quantity, quantityUnit: item.quantityUnit, quantityWords: item.quantityWords,
    instructionsEnc: item.instructions ? sealField(tenantId, INSTRUCTIONS_COLUMN, item.instructions) : null,
    continuousUse: item.continuousUse,
  };
}
