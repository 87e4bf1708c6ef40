"use server";

import { revalidatePath } from "next/cache";
import { contextFor } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { createInsurer, setInsurerActive } from "@/lib/patients/insurers";
import type { PatientActionResult } from "@/components/patients/types";

// Thin adapters (public POST endpoints): settings:manage, then the domain function.

async function adapt(call: (ctx: Awaited<ReturnType<typeof contextFor>>) => Promise<unknown>): Promise<PatientActionResult> {
  try {
    await call(await contextFor("settings:manage"));
    revalidatePath("/t/[tenant]/(staff)/admin/insurers", "page");
    return { ok: true };
  } catch (error) {
    if (isAppError(error)) return { ok: false, code: error.code, message: error.message, fields: error.fields };
    throw error;
  }
}

export async function createInsurerAction(input: unknown) {
  return adapt((ctx) => createInsurer(ctx, input));
}
export async function setInsurerActiveAction(id: unknown, active: boolean) {
  return adapt((ctx) => setInsurerActive(ctx, id, active === true));
}
