"use server";

import { z } from "zod";
import { text } from "@/lib/validation/text";
import { actionResult, type ActionResult } from "@/lib/action-result";
import { resendSignInCode } from "@/lib/auth/two-factor-message";
import { AppError } from "@/lib/errors";
import { requestMeta } from "@/lib/request";

// "Resend the code" at the second sign-in step. A public endpoint (no session yet): the signed
// challenge from the password step is the proof, and the store throttles sends per user.

const schema = z.object({ challenge: text().min(1).max(1024) });

export async function resendSignInCodeAction(input: unknown): Promise<ActionResult<{ destination: string }>> {
  return actionResult(async () => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) throw new AppError("unauthorized", "A etapa de verificação expirou. Entre novamente com e-mail e senha.");
    return resendSignInCode(parsed.data.challenge, await requestMeta());
  });
}
