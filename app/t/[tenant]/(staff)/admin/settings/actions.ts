"use server";

import { revalidatePath } from "next/cache";
import { contextFor } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { updateTenantSettings } from "@/lib/tenancy/settings-admin";
import type { ActionResult } from "@/lib/users/schemas";

// A public POST endpoint: builds its own context (settings:manage); validation, audit and the
// cache refresh are the domain function's.
export async function updateTenantSettingsAction(input: unknown): Promise<ActionResult> {
  try {
    const ctx = await contextFor("settings:manage");
    await updateTenantSettings(ctx, input);
    revalidatePath("/t/[tenant]/(staff)/admin/settings", "page");
    return { ok: true };
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: error.message, fields: error.fields };
    throw error;
  }
}
