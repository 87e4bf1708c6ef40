// Shared by the server (options.ts) and the login form, so it holds no server imports.

/** How a person proves the second factor: an authenticator app, or a code sent by e-mail or SMS. */
export type SecondFactorMethod = "totp" | "email" | "sms";

/** What the form needs for step 2: the signed challenge, the method, where a code went (masked). */
export type TwoFactorPrompt = { challenge: string; method: SecondFactorMethod; destination?: string };

/**
 * Prefix of the error a password-only attempt answers with when the account has a second
 * factor; the rest of the string is the JSON of a TwoFactorPrompt (see options.ts).
 */
export const TWO_FACTOR_ERROR_PREFIX = "two_factor:";

/** Step 2 refused because the TOTP code was already used (the form says so, plainly). */
export const TWO_FACTOR_REPLAY_ERROR = "two_factor_replay";

export const encodePrompt = (p: TwoFactorPrompt) => `${TWO_FACTOR_ERROR_PREFIX}${JSON.stringify(p)}`;

export function decodePrompt(error: string | null | undefined): TwoFactorPrompt | null {
  if (!error?.startsWith(TWO_FACTOR_ERROR_PREFIX)) return null;
  try {
    const p = JSON.parse(error.slice(TWO_FACTOR_ERROR_PREFIX.length)) as Partial<TwoFactorPrompt>;
    if (typeof p.challenge !== "string" || !["totp", "email", "sms"].includes(p.method ?? "")) return null;
    return { challenge: p.challenge, method: p.method!, ...(typeof p.destination === "string" ? { destination: p.destination } : {}) };
  } catch {
    return null;
  }
}
