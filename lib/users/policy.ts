import { ROLE_RANK } from "@/lib/auth/permissions";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { AppError, forbidden } from "@/lib/errors";
import type { RoleKey } from "@/lib/generated/prisma/enums";
import { STAFF_ROLES, type StaffRole } from "./schemas";

// Who may hand out which role. Rank, not permissions, decides: a manager never creates or
// removes anyone more powerful than themselves, so users:manage cannot escalate itself.

export function highestRank(roles: readonly RoleKey[]): number {
  return roles.reduce((max, role) => Math.max(max, ROLE_RANK[role]), 0);
}

/** Staff roles at or below the actor's highest rank (what the role selects offer). */
export function grantableRoles(ctx: Pick<Context, "roles">): StaffRole[] {
  const rank = highestRank(ctx.roles);
  return STAFF_ROLES.filter((role) => ROLE_RANK[role] <= rank);
}

export function assertCanManageUsers(ctx: Pick<Context, "permissions">): void {
  if (!can(ctx, "users:manage")) throw forbidden();
}

export function assertCanGrant(ctx: Pick<Context, "roles">, roles: readonly RoleKey[]): void {
  const allowed = new Set<RoleKey>(grantableRoles(ctx));
  const refused = roles.filter((role) => !allowed.has(role));
  if (refused.length > 0) {
    throw new AppError("forbidden", "Você não pode conceder um papel acima do seu.", { roles: ["Papel acima do seu."] });
  }
}

/** A target who outranks the actor is out of reach (an admin's account cannot be touched by a lesser manager). */
export function assertCanManageTarget(ctx: Pick<Context, "roles">, targetRoles: readonly RoleKey[]): void {
  if (highestRank(targetRoles) > highestRank(ctx.roles)) throw forbidden();
}

export function assertNotSelf(ctx: Pick<Context, "user">, userId: string, message: string): void {
  if (ctx.user?.id === userId) throw new AppError("unprocessable", message);
}
