// Shared by the server (options.ts) and the login form, so it holds no server imports.

/**
 * Prefix of the error a password-only attempt answers with when the account has a second
 * factor; the rest of the string is the signed step-1 challenge (see options.ts).
 */
export const TWO_FACTOR_ERROR_PREFIX = "two_factor:";
