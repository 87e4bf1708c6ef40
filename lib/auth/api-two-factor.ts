import { z } from "zod";
import { text } from "@/lib/validation/text";
import type { Context } from "@/lib/context";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request";
import { openApiSession, type ApiTokens } from "./api-tokens";
import { confirmTotpEnrolment, startTotpEnrolment } from "./two-factor";
import { completeSecondStep } from "./two-factor-sign-in";

// The second factor over the REST API, with the rules and messages of the web forms:
// /verify-2fa finishes a login that answered with a challenge; /setup-2fa enrols TOTP for the
// bearer's own account (start without a code, confirm with one).

export const apiVerifyTwoFactorSchema = z.object({
  challenge: text({ error: "Informe o challenge recebido no login." }).min(1, "Informe o challenge recebido no login.").max(1024),
  code: text({ error: "Informe o código." }).trim().min(1, "Informe o código.").max(64),
});

export const apiSetupTwoFactorSchema = z.object({
  code: text({ error: "Informe o código." }).trim().regex(/^\d{6}$/, "O código tem 6 dígitos.").optional(),
});

// The texts the sign-in form shows for the same refusals.
export const CODE_INVALID = "Código inválido ou expirado. Tente novamente.";
export const CODE_REPLAYED = "Este código já foi usado. Aguarde o próximo código do aplicativo autenticador.";
export const CHALLENGE_EXPIRED = "A etapa de verificação expirou. Entre novamente com e-mail e senha.";

/** Challenge + code → the token pair; 401 with the form's message otherwise. */
export async function verifyTwoFactorLogin(input: z.infer<typeof apiVerifyTwoFactorSchema>, meta: RequestMeta): Promise<ApiTokens> {
  const result = await completeSecondStep(input, meta);
  if (!result.ok) {
    if (result.reason === "challenge") throw new AppError("unauthorized", CHALLENGE_EXPIRED);
    const message = result.reason === "replay" ? CODE_REPLAYED : CODE_INVALID;
    throw new AppError("unauthorized", message, { code: [message] });
  }
  // The API is served on clinic hosts only: a platform challenge never yields API tokens.
  if (result.user.kind !== "clinic") throw new AppError("unauthorized", CHALLENGE_EXPIRED);
  return openApiSession(result.user, meta, true);
}

export type ApiTotpEnrolment = { secret: string; otpauthUri: string; qrDataUrl: string };

/** Without a code: a new pending secret. With one: TOTP on, recovery codes returned once. */
export async function setupTotpOverApi(ctx: Context, input: z.infer<typeof apiSetupTwoFactorSchema>): Promise<ApiTotpEnrolment | { recoveryCodes: string[] }> {
  if (input.code === undefined) {
    const { secret, uri, qrDataUrl } = await startTotpEnrolment(ctx);
    return { secret, otpauthUri: uri, qrDataUrl };
  }
  return confirmTotpEnrolment(ctx, input.code);
}
