"use server";

import { revalidatePath } from "next/cache";
import { contextFor } from "@/lib/auth/guards";
import type { Context } from "@/lib/context";
import { actionResult } from "@/lib/action-result";
import { inviteUser, resendInvitation, revokeInvitation } from "@/lib/users/invitations";
import { deactivateUser, reactivateUser, resetTwoFactor, setUserRoles, unlockUser } from "@/lib/users/mutations";
import type { ActionResult } from "@/lib/users/schemas";

// Thin adapters: every export here is a public POST endpoint, so each one builds its own
// context (users:manage) before anything else. Rules and input validation live in lib/users.

async function adapt(call: (ctx: Context) => Promise<unknown>): Promise<ActionResult> {
  return actionResult(async () => {
    await call(await contextFor("users:manage"));
    // The real route behind the host rewrite (proxy.ts), as revalidatePath expects.
    revalidatePath("/t/[tenant]/(staff)/admin", "page");
    return {};
  });
}

export async function inviteUserAction(input: unknown) {
  return adapt((ctx) => inviteUser(ctx, input));
}
export async function resendInvitationAction(input: unknown) {
  return adapt((ctx) => resendInvitation(ctx, input));
}
export async function revokeInvitationAction(input: unknown) {
  return adapt((ctx) => revokeInvitation(ctx, input));
}
export async function setUserRolesAction(input: unknown) {
  return adapt((ctx) => setUserRoles(ctx, input));
}
export async function deactivateUserAction(input: unknown) {
  return adapt((ctx) => deactivateUser(ctx, input));
}
export async function reactivateUserAction(input: unknown) {
  return adapt((ctx) => reactivateUser(ctx, input));
}
export async function unlockUserAction(input: unknown) {
  return adapt((ctx) => unlockUser(ctx, input));
}
export async function resetTwoFactorAction(input: unknown) {
  return adapt((ctx) => resetTwoFactor(ctx, input));
}
