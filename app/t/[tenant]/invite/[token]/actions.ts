"use server";

import { isAppError } from "@/lib/errors";
import { requestMeta } from "@/lib/request";
import { acceptInvitation, INVALID_INVITATION } from "@/lib/users/accept-invitation";
import { acceptInvitationSchema, fieldErrorsOf, type ActionResult } from "@/lib/users/schemas";

// Unauthenticated by design: the token is the credential. The clinic is the one of the
// request's host (set by proxy.ts), never a value the client sends.
export async function acceptInvitationAction(token: string, input: unknown): Promise<ActionResult> {
  const meta = await requestMeta();
  if (!meta.tenantSlug || typeof token !== "string") return { ok: false, message: INVALID_INVITATION };
  const parsed = acceptInvitationSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Revise os campos destacados.", fields: fieldErrorsOf(parsed.error) };
  try {
    await acceptInvitation(meta.tenantSlug, token, input, meta);
    return { ok: true };
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: error.message, fields: error.fields };
    throw error;
  }
}
