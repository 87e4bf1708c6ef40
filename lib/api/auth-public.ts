import { z } from "zod";
import { text } from "@/lib/validation/text";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request";

// Shapes and helpers of the unauthenticated identity endpoints (register, forgot and reset
// password). They call the same domain functions as the web forms, so rules, messages, rate
// limits and the answers that must not reveal whether an e-mail exists are the forms' own.

/** The clinic is the request host's (proxy.ts sets the header); there is no API off a clinic host. */
export function hostTenant(meta: RequestMeta): string {
  if (!meta.tenantSlug) throw new AppError("not_found", "Clínica não encontrada.");
  return meta.tenantSlug;
}

const token = text({ error: "Informe o token." }).min(1, "Informe o token.").max(200);

/** Only the token is read here; the rest of the body is the invitation form's (acceptInvitationSchema). */
export const staffRegistrationSchema = z.looseObject({ token });
export const resetPasswordSchema = z.object({
  token,
  password: text({ error: "Informe uma senha." }).max(1024),
  passwordConfirmation: text({ error: "Confirme a senha." }).max(1024),
});
export const emailOnlySchema = z.object({ email: text({ error: "Informe o e-mail." }).max(254) });

export const FORGOT_PASSWORD_ANSWER = {
  status: "sent",
  message: "Se o e-mail estiver cadastrado, você receberá um link em instantes.",
} as const;
