"use server";

import { formField } from "@/lib/action-result";
import type { ForgotPasswordState } from "@/components/auth/password-reset-state";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { isAppError } from "@/lib/errors";
import { requestMeta } from "@/lib/request";

// Unauthenticated by design (the visitor cannot sign in). The clinic is the one of the request's
// host, set by proxy.ts, never a value the client sends. The domain function answers the same
// for known and unknown addresses; so does this adapter.
export async function requestPasswordResetAction(_prev: ForgotPasswordState, form: FormData): Promise<ForgotPasswordState> {
  const meta = await requestMeta();
  const email = formField(form, "email");
  if (!meta.tenantSlug) return { status: "sent" };
  try {
    await requestPasswordReset(meta.tenantSlug, email, meta);
    return { status: "sent" };
  } catch (error) {
    if (isAppError(error)) return { status: "error", message: error.message, fields: error.fields, email };
    throw error;
  }
}
