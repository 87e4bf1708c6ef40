"use server";

import { actionResult, type ActionResult } from "@/lib/action-result";
import { contextFor } from "@/lib/auth/guards";
import type { Cid10Match } from "@/lib/ehr/cid10/schemas";
import { searchCid10 } from "@/lib/ehr/cid10/search";

// The diagnosis picker's search (components/ehr/cid10-picker.tsx `searchAction`). A public POST
// endpoint like every server action: it builds its own context, and searchCid10 checks
// records:read or records:write and validates the query with the API's schema.

export async function searchCid10Action(input: { q: string; limit?: number }): Promise<ActionResult<{ data: Cid10Match[] }>> {
  return actionResult(async () => searchCid10(await contextFor("dashboard:view"), input));
}
