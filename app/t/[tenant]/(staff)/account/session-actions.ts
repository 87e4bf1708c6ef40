"use server";

import { revalidatePath } from "next/cache";
import { selfContext } from "@/lib/auth/guards";
import { currentContext } from "@/lib/auth/session";
import { revokeOwnSession, signOutEverywhere } from "@/lib/auth/sessions-account";
import { isAppError } from "@/lib/errors";

// The signed-in person's own sessions (staff account page and patient portal). Every export is a
// public POST endpoint: each builds its own context; the domain functions touch only ctx.user's rows.

type Result = { ok: true } | { ok: false; message: string };

async function adapt(call: () => Promise<unknown>): Promise<Result> {
  try {
    await call();
    return { ok: true };
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: error.message };
    throw error;
  }
}

export async function revokeSessionAction(input: unknown): Promise<Result> {
  return adapt(async () => {
    await revokeOwnSession(await selfContext(), input);
    revalidatePath("/t/[tenant]/(staff)/account", "page");
    revalidatePath("/t/[tenant]/portal/account", "page");
  });
}

export async function signOutEverywhereAction(): Promise<Result> {
  return adapt(async () => signOutEverywhere(await selfContext()));
}

/** "Stay signed in": building the context is what records the activity (lib/auth/sessions.ts). */
export async function keepAliveAction(): Promise<{ ok: boolean }> {
  return { ok: (await currentContext()) !== null };
}
