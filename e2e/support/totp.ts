import { generate } from "otplib";

/**
 * A TOTP code of a step later than `after` (the step of the code used last), waiting for that
 * step to come if need be, so a sign-in never trips the replay guard by accident.
 */
export async function freshCode(secret: string, after: number): Promise<{ code: string; step: number }> {
  let step = Math.floor(Date.now() / 30_000);
  while (step <= after) {
    await new Promise((r) => setTimeout(r, 1000));
    step = Math.floor(Date.now() / 30_000);
  }
  return { code: await generate({ secret, epoch: step * 30 + 1 }), step };
}
