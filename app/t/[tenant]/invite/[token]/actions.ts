"use server";

import { actionResult } from "@/lib/action-result";
import { AppError } from "@/lib/errors";
import { requestMeta } from "@/lib/request";
import { acceptInvitation, INVALID_INVITATION } from "@/lib/users/accept-invitation";
import { acceptInvitationSchema, fieldErrorsOf, type ActionResult } from "@/lib/users/schemas";

// Unauthenticated by design: the token is the credential. The clinic is the one of the
// request's host (set by proxy.ts), never a value the client sends.
export async function acceptInvitationAction(token: string, input: unknown): Promise<ActionResult> {
  return actionResult(async () => {
    const meta = await requestMeta();
    if (!meta.tenantSlug || typeof token !== "string") throw new AppError("unprocessable", INVALID_INVITATION);
    const parsed = acceptInvitationSchema.safeParse(input);
    if (!parsed.success) throw new AppError("validation", "Revise os campos destacados.", fieldErrorsOf(parsed.error));
    await acceptInvitation(meta.tenantSlug, token, input, meta);
    return {};
  });
}
