"use server";

import { revalidatePath } from "next/cache";
import { actionResult, type ActionResult } from "@/lib/action-result";
import { contextFor } from "@/lib/auth/guards";
import { openBreakGlass } from "@/lib/ehr/break-glass";
import { recordVitalSigns } from "@/lib/ehr/vitals/mutations";

// Thin adapters for the clinical part of the patient page. Each export is a public POST
// endpoint: each builds its own context with the permission it needs, and the domain function
// checks access to the patient and validates the input (the same as /api/v1 does).

const refresh = () => revalidatePath("/t/[tenant]/(staff)/patients", "layout");

export async function recordVitalSignsAction(patientId: unknown, input: unknown): Promise<ActionResult<{ id: string }>> {
  return actionResult(async () => {
    const row = await recordVitalSigns(await contextFor("records:write"), patientId, input);
    refresh();
    return { id: row.id };
  });
}

export async function openBreakGlassAction(patientId: unknown, input: unknown): Promise<ActionResult<{ expiresAt: string }>> {
  return actionResult(async () => {
    const opened = await openBreakGlass(await contextFor("records:break_glass"), patientId, input);
    refresh();
    return { expiresAt: opened.expiresAt };
  });
}
