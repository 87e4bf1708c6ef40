"use server";

import { formField } from "@/lib/action-result";
import type { ConfirmSignupState } from "@/components/patients/signup-confirm-form";
import type { SignupState } from "@/components/patients/signup-form";
import { isAppError } from "@/lib/errors";
import { confirmEmail, registerPatient, resendConfirmationCode } from "@/lib/patients/self-registration";
import { requestMeta } from "@/lib/request";

// Unauthenticated by design: a visitor creates their own patient account. The clinic is the one
// of the request's host (set by proxy.ts), never a value the client sends.

const REFILL = ["name", "cpf", "birthDate", "email", "phone", "terms", "consentEmail", "consentSms"] as const;

export async function signupAction(_prev: SignupState, form: FormData): Promise<SignupState> {
  const meta = await requestMeta();
  const input = Object.fromEntries([...REFILL, "password"].map((k) => [k, formField(form, k)]));
  if (!meta.tenantSlug) return { status: "error", message: "Clínica não encontrada." };
  try {
    const { email } = await registerPatient(meta.tenantSlug, input, meta);
    return { status: "sent", email };
  } catch (error) {
    if (!isAppError(error)) throw error;
    const values = Object.fromEntries(REFILL.map((k) => [k, formField(form, k)]));
    // A field error is shown on its field; the banner carries only what has no field.
    return { status: "error", message: error.fields ? undefined : error.message, fields: error.fields, values };
  }
}

export async function confirmSignupAction(_prev: ConfirmSignupState, form: FormData): Promise<ConfirmSignupState> {
  const meta = await requestMeta();
  const email = formField(form, "email");
  if (!meta.tenantSlug) return { status: "error", message: "Clínica não encontrada.", email };
  try {
    if (formField(form, "intent") === "resend") {
      await resendConfirmationCode(meta.tenantSlug, email, meta);
      return { status: "resent", email };
    }
    await confirmEmail(meta.tenantSlug, { email, code: formField(form, "code") }, meta);
    return { status: "confirmed" };
  } catch (error) {
    if (isAppError(error)) return { status: "error", message: error.message, fields: error.fields, email };
    throw error;
  }
}
