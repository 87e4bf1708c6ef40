"use server";

import { actionResult, type ActionResult } from "@/lib/action-result";
import { contextFor } from "@/lib/auth/guards";
import { saveTemplate } from "@/lib/ehr/records/templates";

// Thin adapter: the domain checks settings:manage, validates and audits.
export async function saveTemplateAction(id: string | null, input: unknown): Promise<ActionResult<{ id: string }>> {
  return actionResult(async () => saveTemplate(await contextFor("settings:manage"), id, input));
}
