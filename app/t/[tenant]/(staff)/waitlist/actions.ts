"use server";

import { revalidatePath } from "next/cache";
import type { WaitlistFormState } from "@/components/engagement/waitlist-form";
import { actionResult, formField, type ActionResult } from "@/lib/action-result";
import { contextFor } from "@/lib/auth/guards";
import { addToWaitlist, cancelWaitlistEntry } from "@/lib/engagement/waitlist";
import { isAppError } from "@/lib/errors";

// Thin adapters (public POST endpoints): appointments:write, then the domain function, which
// validates. Refusals come back as results; only a bug propagates.

export async function addToWaitlistAction(_prev: WaitlistFormState, form: FormData): Promise<WaitlistFormState> {
  const values = Object.fromEntries(["doctorId", "earliest", "latest", "notes"].map((k) => [k, formField(form, k)]));
  try {
    const ctx = await contextFor("appointments:write");
    await addToWaitlist(ctx, { patientId: formField(form, "patientId"), ...values });
    revalidatePath("/waitlist");
    return { status: "saved" };
  } catch (error) {
    if (isAppError(error)) return { status: "error", message: error.fields ? undefined : error.message, fields: error.fields, values };
    throw error;
  }
}

export async function cancelWaitlistEntryAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    await cancelWaitlistEntry(await contextFor("appointments:write"), formField(form, "id"));
    revalidatePath("/waitlist");
    return {};
  });
}
