"use server";

import { actionResult, type ActionResult } from "@/lib/action-result";
import { contextFor } from "@/lib/auth/guards";
import { createPrescriptionDraft, updatePrescriptionDraft, type SavedPrescription } from "@/lib/prescriptions/drafts";
import { cancelPrescription, renewPrescription } from "@/lib/prescriptions/lifecycle";
import { previewPrescriptionSafety, type SafetyPreview } from "@/lib/prescriptions/queries";
import { signPrescription, type SignedPrescription } from "@/lib/prescriptions/sign";

// The chart's prescription panel: thin adapters, each a public POST endpoint building its own
// context; the domain functions validate, decide access, log reads and audit.

export async function createPrescriptionAction(input: unknown): Promise<ActionResult<SavedPrescription>> {
  return actionResult(async () => createPrescriptionDraft(await contextFor("prescriptions:write"), input));
}

export async function savePrescriptionAction(id: string, input: unknown): Promise<ActionResult<SavedPrescription>> {
  return actionResult(async () => updatePrescriptionDraft(await contextFor("prescriptions:write"), id, input));
}

export async function previewPrescriptionAction(input: unknown): Promise<ActionResult<{ preview: SafetyPreview }>> {
  return actionResult(async () => ({ preview: await previewPrescriptionSafety(await contextFor("prescriptions:write"), input) }));
}

export async function signPrescriptionAction(id: string, input: unknown): Promise<ActionResult<{ signed: SignedPrescription }>> {
  return actionResult(async () => ({ signed: await signPrescription(await contextFor("prescriptions:sign"), id, input) }));
}

export async function cancelPrescriptionAction(id: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  return actionResult(async () => ({ id: (await cancelPrescription(await contextFor("prescriptions:write"), id, input)).id }));
}

export async function renewPrescriptionAction(id: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  return actionResult(async () => ({ id: (await renewPrescription(await contextFor("prescriptions:write"), id, input)).id }));
}
