"use server";

import { z } from "zod";
import { actionResult, type ActionResult } from "@/lib/auth/action-result";
import { resendSignInCode } from "@/lib/auth/two-factor-message";
import { requestMeta } from "@/lib/request";

// "Resend the code" at the second sign-in step. A public endpoint (no session yet): the signed
// challenge from the password step is the proof, and the store throttles sends per user.

const schema = z.object({ challenge: z.string().min(1).max(1024) });

export async function resendSignInCodeAction(input: unknown): Promise<ActionResult<{ destination: string }>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "A etapa de verificação expirou. Entre novamente com e-mail e senha." };
  const challenge = parsed.data.challenge;
  return actionResult(async () => resendSignInCode(challenge, await requestMeta()));
}
