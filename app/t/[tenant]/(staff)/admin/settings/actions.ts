"use server";

import { revalidatePath } from "next/cache";
import { contextFor } from "@/lib/auth/guards";
import { actionResult } from "@/lib/action-result";
import { updateTenantSettings } from "@/lib/tenancy/settings-admin";
import type { ActionResult } from "@/lib/users/schemas";

// A public POST endpoint: builds its own context (settings:manage); validation, audit and the
// cache refresh are the domain function's.
export async function updateTenantSettingsAction(input: unknown): Promise<ActionResult> {
  return actionResult(async () => {
    await updateTenantSettings(await contextFor("settings:manage"), input);
    revalidatePath("/t/[tenant]/(staff)/admin/settings", "page");
    return {};
  });
}
