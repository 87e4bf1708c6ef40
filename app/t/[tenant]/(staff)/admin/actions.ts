"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { contextFor } from "@/lib/auth/guards";
import type { Context } from "@/lib/context";
import { actionResult } from "@/lib/action-result";
import { AppError } from "@/lib/errors";
import { inviteUser, resendInvitation, revokeInvitation } from "@/lib/users/invitations";
import { deactivateUser, reactivateUser, resetTwoFactor, setUserRoles, unlockUser } from "@/lib/users/mutations";
import {
  fieldErrorsOf, invitationIdSchema, inviteUserSchema, setUserRolesSchema, userIdSchema, type ActionResult,
} from "@/lib/users/schemas";

// Thin adapters: every export here is a public POST endpoint, so each one builds its own
// context (users:manage) before anything else. Rules live in lib/users.

async function adapt(schema: z.ZodType, input: unknown, call: (ctx: Context) => Promise<unknown>): Promise<ActionResult> {
  return actionResult(async () => {
    const ctx = await contextFor("users:manage");
    const parsed = schema.safeParse(input);
    if (!parsed.success) throw new AppError("validation", "Revise os campos destacados.", fieldErrorsOf(parsed.error));
    await call(ctx);
    // The real route behind the host rewrite (proxy.ts), as revalidatePath expects.
    revalidatePath("/t/[tenant]/(staff)/admin", "page");
    return {};
  });
}

export async function inviteUserAction(input: unknown) {
  return adapt(inviteUserSchema, input, (ctx) => inviteUser(ctx, input));
}
export async function resendInvitationAction(input: unknown) {
  return adapt(invitationIdSchema, input, (ctx) => resendInvitation(ctx, input));
}
export async function revokeInvitationAction(input: unknown) {
  return adapt(invitationIdSchema, input, (ctx) => revokeInvitation(ctx, input));
}
export async function setUserRolesAction(input: unknown) {
  return adapt(setUserRolesSchema, input, (ctx) => setUserRoles(ctx, input));
}
export async function deactivateUserAction(input: unknown) {
  return adapt(userIdSchema, input, (ctx) => deactivateUser(ctx, input));
}
export async function reactivateUserAction(input: unknown) {
  return adapt(userIdSchema, input, (ctx) => reactivateUser(ctx, input));
}
export async function unlockUserAction(input: unknown) {
  return adapt(userIdSchema, input, (ctx) => unlockUser(ctx, input));
}
export async function resetTwoFactorAction(input: unknown) {
  return adapt(userIdSchema, input, (ctx) => resetTwoFactor(ctx, input));
}
