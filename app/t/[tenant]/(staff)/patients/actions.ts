"use server";

import { revalidatePath } from "next/cache";
import { contextFor } from "@/lib/auth/guards";
import type { Context } from "@/lib/context";
import { actionResult, type ActionResult } from "@/lib/action-result";
import { findAddressByCep, type CepAddress } from "@/lib/address/cep-lookup";
import { addAllergy, inactivateAllergy, setDeniesAllergies } from "@/lib/patients/allergies";
import { setCommunicationConsents } from "@/lib/patients/consents";
import { archivePatient, createPatient, preRegisterPatient, unarchivePatient, updatePatient } from "@/lib/patients/mutations";
import type { PatientActionResult } from "@/components/patients/types";

// Thin adapters: each export is a public POST endpoint, so each builds its own context and the
// domain function checks the permission it needs (patients:write, or records:write for
// allergies) and validates the input with the same schema the form used.

async function adapt(call: (ctx: Context) => Promise<{ id: string } | unknown>): Promise<PatientActionResult> {
  return actionResult(async () => {
    const result = await call(await contextFor("patients:read"));
    // The real route behind the host rewrite (proxy.ts), as revalidatePath expects.
    revalidatePath("/t/[tenant]/(staff)/patients", "layout");
    const id = (result as { id?: unknown } | undefined)?.id;
    return { id: typeof id === "string" ? id : undefined };
  });
}

export async function createPatientAction(input: unknown) {
  return adapt((ctx) => createPatient(ctx, input));
}
export async function preRegisterPatientAction(input: unknown) {
  return adapt((ctx) => preRegisterPatient(ctx, input));
}
export async function updatePatientAction(id: unknown, input: unknown) {
  return adapt((ctx) => updatePatient(ctx, id, input));
}
export async function archivePatientAction(id: unknown) {
  return adapt((ctx) => archivePatient(ctx, id));
}
export async function unarchivePatientAction(id: unknown) {
  return adapt((ctx) => unarchivePatient(ctx, id));
}
export async function addAllergyAction(id: unknown, input: unknown) {
  return adapt((ctx) => addAllergy(ctx, id, input));
}
export async function inactivateAllergyAction(id: unknown, allergyId: unknown) {
  return adapt((ctx) => inactivateAllergy(ctx, id, allergyId));
}
export async function setDeniesAllergiesAction(id: unknown, denies: unknown) {
  return adapt((ctx) => setDeniesAllergies(ctx, id, denies));
}
export async function setCommunicationConsentsAction(id: unknown, input: unknown) {
  return adapt((ctx) => setCommunicationConsents(ctx, id, input));
}

/** The registration form's address by CEP (null: unknown, or lookup off); never an error the form must show. */
export async function lookupCepAction(cep: unknown): Promise<ActionResult<{ address: CepAddress | null }>> {
  return actionResult(async () => ({ address: await findAddressByCep(await contextFor("patients:write"), cep) }));
}
