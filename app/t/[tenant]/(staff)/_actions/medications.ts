"use server";

import { actionResult, type ActionResult } from "@/lib/action-result";
import { contextFor } from "@/lib/auth/guards";
import type { IngredientHit, MedicationHit } from "@/lib/prescriptions/catalogue/schemas";
import { searchIngredients, searchMedicationsInput } from "@/lib/prescriptions/catalogue/search";

// The medication picker's search (components/prescriptions/medication-picker.tsx) and the
// ingredient/class coding picker of the allergy form. Public POST endpoints like every server
// action: each builds its own context; the domain checks the permission and validates the query.

export async function searchMedicationsAction(input: { q: string; limit?: number }): Promise<ActionResult<{ data: MedicationHit[] }>> {
  return actionResult(async () => searchMedicationsInput(await contextFor("dashboard:view"), input));
}

export async function searchIngredientsAction(input: { q: string; limit?: number }): Promise<ActionResult<{ data: IngredientHit[] }>> {
  return actionResult(async () => searchIngredients(await contextFor("dashboard:view"), input));
}
