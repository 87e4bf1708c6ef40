import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { forbidden } from "@/lib/errors";
import { withTenant } from "@/lib/db/tenant";
import type { RoleKey, UserStatus } from "@/lib/generated/prisma/enums";

export type UserListItem = {
  id: string;
  name: string;
  email: string;
  roles: RoleKey[];
  status: UserStatus;
  lastLoginAt: string | null;
  /** Locked by repeated failed sign-ins (the admin may unlock). */
  locked: boolean;
  twoFactorEnabled: boolean;
};

export type PendingInvitation = {
  id: string;
  email: string;
  role: RoleKey;
  createdAt: string;
  expiresAt: string;
  /** Still PENDING but past its date: the link no longer works, "Reenviar" issues a new one. */
  expired: boolean;
};

export async function listUsers(ctx: Context): Promise<UserListItem[]> {
  if (!can(ctx, "users:read")) throw forbidden();
  const rows = await withTenant(ctx, (tx) => tx.user.findMany({
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      id: true, name: true, email: true, status: true, lastLoginAt: true, lockedAt: true, totpEnabledAt: true, otpEnabledAt: true,
      roles: { select: { role: true } },
    },
  }));
  return rows.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    roles: u.roles.map((r) => r.role),
    status: u.status,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    locked: u.lockedAt !== null,
    twoFactorEnabled: u.totpEnabledAt !== null || u.otpEnabledAt !== null,
  }));
}

export async function listPendingInvitations(ctx: Context): Promise<PendingInvitation[]> {
  if (!can(ctx, "users:read")) throw forbidden();
  const rows = await withTenant(ctx, (tx) => tx.tenantInvitation.findMany({
    where: { status: "PENDING" },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
  }));
  const now = Date.now();
  return rows.map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role,
    createdAt: i.createdAt.toISOString(),
    expiresAt: i.expiresAt.toISOString(),
    expired: i.expiresAt.getTime() <= now,
  }));
}
