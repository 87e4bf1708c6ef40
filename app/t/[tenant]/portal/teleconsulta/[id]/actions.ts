"use server";

import { revalidatePath } from "next/cache";
import { actionResult, formField, type ActionResult } from "@/lib/action-result";
import { contextFor } from "@/lib/auth/guards";
import { acceptTelemedicineTerm } from "@/lib/engagement/telemedicine-portal";

// A public POST endpoint: the patient's own context first; the domain function checks that the
// appointment is theirs (another id is not found) and records the consent. Refusals are results.
export async function acceptTermAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const id = formField(form, "id");
    await acceptTelemedicineTerm(await contextFor("portal:self"), id);
    revalidatePath(`/portal/teleconsulta/${id}`);
    return {};
  });
}
