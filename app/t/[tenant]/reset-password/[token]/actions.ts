"use server";

import { formField } from "@/lib/action-result";
import { getTranslations } from "next-intl/server";
import type { ResetPasswordState } from "@/components/auth/password-reset-state";
import { completePasswordReset, RESET_LINK_INVALID } from "@/lib/auth/password-reset";
import { isAppError } from "@/lib/errors";
import { requestMeta } from "@/lib/request";

// Unauthenticated by design: the token is the credential. The clinic comes from the host
// (proxy.ts). Parse → domain call → map AppError to what the form shows.
export async function completePasswordResetAction(_prev: ResetPasswordState, form: FormData): Promise<ResetPasswordState> {
  const meta = await requestMeta();
  const token = formField(form, "token");
  const password = formField(form, "password");
  if (!meta.tenantSlug || !token) return { status: "invalid_link", message: RESET_LINK_INVALID };
  if (password !== formField(form, "confirmation")) {
    const t = await getTranslations("passwordReset");
    return { status: "error", fields: { confirmation: [t("confirmMismatch")] } };
  }
  try {
    await completePasswordReset(meta.tenantSlug, token, password, meta);
    return { status: "done" };
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === "validation") return { status: "error", message: error.message, fields: error.fields };
    return { status: "invalid_link", message: error.message };
  }
}
