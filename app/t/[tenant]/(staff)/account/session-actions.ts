"use server";

import { revalidatePath } from "next/cache";
import { selfContext } from "@/lib/auth/guards";
import { currentContext } from "@/lib/auth/session";
import { revokeOwnSession, signOutEverywhere } from "@/lib/auth/sessions-account";
import { actionResult, type ActionResult } from "@/lib/action-result";

// The signed-in person's own sessions (staff account page and patient portal). Every export is a
// public POST endpoint: each builds its own context; the domain functions touch only ctx.user's rows.

export async function revokeSessionAction(input: unknown): Promise<ActionResult> {
  return actionResult(async () => {
    await revokeOwnSession(await selfContext(), input);
    revalidatePath("/t/[tenant]/(staff)/account", "page");
    revalidatePath("/t/[tenant]/portal/account", "page");
    return {};
  });
}

export async function signOutEverywhereAction(): Promise<ActionResult> {
  return actionResult(async () => {
    await signOutEverywhere(await selfContext());
    return {};
  });
}

/** "Stay signed in": building the context is what records the activity (lib/auth/sessions.ts). */
export async function keepAliveAction(): Promise<{ ok: boolean }> {
  return { ok: (await currentContext()) !== null };
}
