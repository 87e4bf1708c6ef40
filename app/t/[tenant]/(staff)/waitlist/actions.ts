"use server";

import { revalidatePath } from "next/cache";
import type { WaitlistFormState } from "@/components/engagement/waitlist-form";
import { contextFor } from "@/lib/auth/guards";
import { addToWaitlist, cancelWaitlistEntry } from "@/lib/engagement/waitlist";
import { isAppError } from "@/lib/errors";

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

export async function addToWaitlistAction(_prev: WaitlistFormState, form: FormData): Promise<WaitlistFormState> {
  const values = Object.fromEntries(["doctorId", "earliest", "latest", "notes"].map((k) => [k, text(form, k)]));
  try {
    const ctx = await contextFor("appointments:write");
    await addToWaitlist(ctx, { patientId: text(form, "patientId"), ...values });
    revalidatePath("/waitlist");
    return { status: "saved" };
  } catch (error) {
    if (isAppError(error)) return { status: "error", message: error.fields ? undefined : error.message, fields: error.fields, values };
    throw error;
  }
}

export async function cancelWaitlistEntryAction(form: FormData): Promise<void> {
  const ctx = await contextFor("appointments:write");
  await cancelWaitlistEntry(ctx, text(form, "id"));
  revalidatePath("/waitlist");
}
