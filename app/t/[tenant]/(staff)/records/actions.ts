"use server";

import { actionResult, type ActionResult } from "@/lib/action-result";
import { contextFor } from "@/lib/auth/guards";
import { createAddendum } from "@/lib/ehr/records/addenda";
import { openEncounter, saveDraft, type SavedDraft } from "@/lib/ehr/records/mutations";
import { reviewRecord } from "@/lib/ehr/records/review";
import { signRecord } from "@/lib/ehr/records/sign";
import { verifyRecord, type RecordVerification } from "@/lib/ehr/records/verify";

// Thin adapters for the chart: each export is a public POST endpoint, so each builds its own
// context; the domain functions validate, decide access, log reads and audit.

export async function openEncounterAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return actionResult(async () => ({ id: (await openEncounter(await contextFor("records:write"), input)).id }));
}

export async function saveDraftAction(id: string, input: unknown): Promise<ActionResult<SavedDraft>> {
  return actionResult(async () => saveDraft(await contextFor("records:write"), id, input));
}

export async function signAction(id: string, input: unknown): Promise<ActionResult<{ version: number }>> {
  return actionResult(async () => ({ version: (await signRecord(await contextFor("records:sign"), id, input)).version }));
}

export async function addendumAction(id: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  return actionResult(async () => ({ id: (await createAddendum(await contextFor("records:sign"), id, input)).id }));
}

export async function reviewAction(id: string, input: unknown): Promise<ActionResult<{ version: number }>> {
  return actionResult(async () => ({ version: (await reviewRecord(await contextFor("records:write"), id, input)).version }));
}

export async function verifyAction(id: string): Promise<ActionResult<{ result: RecordVerification }>> {
  return actionResult(async () => ({ result: await verifyRecord(await contextFor("records:read"), id) }));
}
