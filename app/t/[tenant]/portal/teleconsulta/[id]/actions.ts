"use server";

import { revalidatePath } from "next/cache";
import { contextFor } from "@/lib/auth/guards";
import { acceptTelemedicineTerm } from "@/lib/engagement/telemedicine-portal";

export async function acceptTermAction(form: FormData): Promise<void> {
  const ctx = await contextFor("portal:self");
  const id = form.get("id");
  await acceptTelemedicineTerm(ctx, typeof id === "string" ? id : "");
  revalidatePath(`/portal/teleconsulta/${String(id)}`);
}
