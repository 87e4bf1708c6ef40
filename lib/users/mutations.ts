import { recordAudit } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { AppError, notFound } from "@/lib/errors";
import type { RoleKey } from "@/lib/generated/prisma/enums";
import { parseInput } from "./parse";
import { assertCanGrant, assertCanManageTarget, assertCanManageUsers, assertNotSelf } from "./policy";
import { setUserRolesSchema, STAFF_ROLES, userIdSchema } from "./schemas";

// User administration by the clinic's admins. Users are never deleted (their names sign
// records and audit rows); they are disabled. Each function loads the target inside the
// tenant's transaction, so another clinic's id is simply not found (404, never 403).

async function loadTarget(tx: Tx, ctx: Context, userId: string) {
  const user = await tx.user.findFirst({
    where: { id: userId },
    select: { id: true, status: true, lockedAt: true, totpEnabledAt: true, otpEnabledAt: true, roles: { select: { role: true } } },
  });
  if (!user) throw notFound("Usuário");
  const roles = user.roles.map((r) => r.role);
  assertCanManageTarget(ctx, roles);
  return { ...user, roles };
}

const isStaffRole = (role: RoleKey) => (STAFF_ROLES as readonly RoleKey[]).includes(role);

/** Replaces the user's staff roles. A portal (patient) role, if any, is left as it is. */
export async function setUserRoles(ctx: Context, input: unknown): Promise<{ roles: RoleKey[] }> {
  assertCanManageUsers(ctx);
  const { userId, roles } = parseInput(setUserRolesSchema, input);
  // Changing one's own roles could only be an escalation or a lock-out; another admin does it.
  assertNotSelf(ctx, userId, "Você não pode alterar os seus próprios papéis.");
  return withTenant(ctx, async (tx) => {
    const target = await loadTarget(tx, ctx, userId);
    const current = target.roles.filter(isStaffRole);
    const added = roles.filter((r) => !current.includes(r));
    const removed = current.filter((r) => !(roles as RoleKey[]).includes(r));
    // Both directions count: taking a role away is as much "acting at that rank" as granting it.
    assertCanGrant(ctx, [...added, ...removed]);
    if (removed.length > 0) await tx.userRole.deleteMany({ where: { userId, role: { in: removed } } });
    if (added.length > 0) {
      await tx.userRole.createMany({ data: added.map((role) => ({ userId, role, grantedBy: ctx.user?.id ?? null })) });
    }
    // Sessions re-read roles on every request, so no version bump is needed for the change to apply.
    await recordAudit(tx, ctx, { action: "user.roles_changed", entityType: "user", entityId: userId, metadata: { added, removed } });
    return { roles: [...target.roles.filter((r) => !isStaffRole(r)), ...roles] };
  });
}

export async function deactivateUser(ctx: Context, input: unknown): Promise<void> {
  assertCanManageUsers(ctx);
  const { userId } = parseInput(userIdSchema, input);
  assertNotSelf(ctx, userId, "Você não pode desativar a sua própria conta.");
  await withTenant(ctx, async (tx) => {
    const target = await loadTarget(tx, ctx, userId);
    if (target.status === "DISABLED") throw new AppError("conflict", "Este usuário já está desativado.");
    await tx.user.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: userId } },
      // The version bump ends every open session at its next request (see lib/auth/session.ts).
      data: { status: "DISABLED", deactivatedAt: new Date(), sessionVersion: { increment: 1 } },
      select: { id: true },
    });
    await recordAudit(tx, ctx, { action: "user.deactivated", entityType: "user", entityId: userId, riskScore: 30 });
  });
}

export async function reactivateUser(ctx: Context, input: unknown): Promise<void> {
  assertCanManageUsers(ctx);
  const { userId } = parseInput(userIdSchema, input);
  await withTenant(ctx, async (tx) => {
    const target = await loadTarget(tx, ctx, userId);
    if (target.status !== "DISABLED") throw new AppError("conflict", "Este usuário já está ativo.");
    await tx.user.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: userId } }, data: { status: "ACTIVE", deactivatedAt: null }, select: { id: true } });
    await recordAudit(tx, ctx, { action: "user.reactivated", entityType: "user", entityId: userId });
  });
}

/** Lifts a lock left by repeated failed sign-ins. */
export async function unlockUser(ctx: Context, input: unknown): Promise<void> {
  assertCanManageUsers(ctx);
  const { userId } = parseInput(userIdSchema, input);
  await withTenant(ctx, async (tx) => {
    const target = await loadTarget(tx, ctx, userId);
    await tx.user.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: userId } }, data: { lockedAt: null, failedLoginCount: 0 }, select: { id: true } });
    await recordAudit(tx, ctx, {
      action: "user.unlocked", entityType: "user", entityId: userId, metadata: { wasLocked: target.lockedAt !== null },
    });
  });
}

/** For a lost authenticator: the user signs in with the password alone and enrols again. */
export async function resetTwoFactor(ctx: Context, input: unknown): Promise<void> {
  assertCanManageUsers(ctx);
  const { userId } = parseInput(userIdSchema, input);
  await withTenant(ctx, async (tx) => {
    const target = await loadTarget(tx, ctx, userId);
    await tx.user.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: userId } },
      // Sessions opened with the old second factor end too: whoever holds the lost device loses access.
      data: { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null, otpChannel: null, otpEnabledAt: null, sessionVersion: { increment: 1 } },
      select: { id: true },
    });
    await recordAudit(tx, ctx, {
      action: "user.two_factor_reset", entityType: "user", entityId: userId, riskScore: 40,
      metadata: { wasEnabled: target.totpEnabledAt !== null || target.otpEnabledAt !== null },
    });
  });
}
