import type { RoleKey, TwoFactorChannel } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { parseTenantSettings } from "@/lib/tenancy/settings";
import type { SecondFactorMethod } from "./two-factor-protocol";

// Which second factor a user has, and whether their clinic demands one. A clinic lists the
// roles that must use 2FA (tenants.settings.security.twoFactorRequiredRoles; default admin and
// doctor). Such a user without a factor may sign in with the password but is then confined to
// enrolment: the cookie guards (guards.ts) and the API guard (lib/api/context.ts) refuse
// everything else until a factor is on.

/** The columns methodOf() reads: select them wherever the factor is decided. */
export const FACTOR_COLUMNS = { totpEnabledAt: true, otpChannel: true, otpEnabledAt: true } as const;

export type FactorState = { totpEnabledAt: Date | null; otpChannel: TwoFactorChannel | null; otpEnabledAt: Date | null };

/** The active method, or null. One method at a time: enabling a second one is refused. */
export function methodOf(u: FactorState): SecondFactorMethod | null {
  if (u.totpEnabledAt) return "totp";
  if (u.otpEnabledAt && u.otpChannel === "EMAIL") return "email";
  if (u.otpEnabledAt && u.otpChannel === "SMS") return "sms";
  return null;
}

/** True when one of `roles` is on the clinic's list of roles that must use a second factor. */
export function requiresSecondFactor(tenantSettings: unknown, roles: readonly RoleKey[]): boolean {
  const required: readonly string[] = parseTenantSettings(tenantSettings).security.twoFactorRequiredRoles;
  return roles.some((r) => required.includes(r));
}

/** True when the clinic demands a factor from this user and they have none yet. */
export const mustEnrol = (tenantSettings: unknown, roles: readonly RoleKey[], u: FactorState) =>
  methodOf(u) === null && requiresSecondFactor(tenantSettings, roles);

export const ENROLMENT_REQUIRED_MESSAGE =
  "Sua clínica exige a verificação em duas etapas para o seu perfil. Ative-a em Minha conta › Segurança antes de continuar.";

/** The refusal every door gives a user who must enrol first (403, the same text everywhere). */
export const enrolmentRequired = () => new AppError("forbidden", ENROLMENT_REQUIRED_MESSAGE, { twoFactor: ["enrolment_required"] });
