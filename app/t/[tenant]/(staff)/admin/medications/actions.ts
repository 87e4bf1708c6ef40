"use server";

import { revalidatePath } from "next/cache";
import { actionResult, type ActionResult } from "@/lib/action-result";
import { contextFor } from "@/lib/auth/guards";
import { createClinicMedication, setClinicMedicationActive } from "@/lib/prescriptions/catalogue/clinic-items";

// Thin adapters: the domain checks settings:manage, validates, audits; another clinic's id is not found.
export async function createClinicMedicationAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const result = await actionResult(async () => createClinicMedication(await contextFor("settings:manage"), input));
  if (result.ok) revalidatePath("/t/[tenant]/(staff)/admin/medications", "page");
  return result;
}

export async function setClinicMedicationActiveAction(id: unknown, active: unknown): Promise<ActionResult> {
  const result = await actionResult(async () => {
    await setClinicMedicationActive(await contextFor("settings:manage"), id, active);
    return {};
  });
  if (result.ok) revalidatePath("/t/[tenant]/(staff)/admin/medications", "page");
  return result;
}
