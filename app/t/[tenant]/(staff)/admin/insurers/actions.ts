"use server";

import { revalidatePath } from "next/cache";
import { contextFor } from "@/lib/auth/guards";
import { actionResult } from "@/lib/action-result";
import { createInsurer, setInsurerActive } from "@/lib/patients/insurers";
import type { PatientActionResult } from "@/components/patients/types";

// Thin adapters (public POST endpoints): settings:manage, then the domain function.

async function adapt(call: (ctx: Awaited<ReturnType<typeof contextFor>>) => Promise<unknown>): Promise<PatientActionResult> {
  return actionResult(async () => {
    await call(await contextFor("settings:manage"));
    revalidatePath("/t/[tenant]/(staff)/admin/insurers", "page");
    return {};
  });
}

export async function createInsurerAction(input: unknown) {
  return adapt((ctx) => createInsurer(ctx, input));
}
export async function setInsurerActiveAction(id: unknown, active: boolean) {
  return adapt((ctx) => setInsurerActive(ctx, id, active === true));
}
