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
};

export async function listUsers(ctx: Context): Promise<UserListItem[]> {
  if (!ctx.permissions.has("users:read")) throw forbidden();
  const rows = await withTenant(ctx, (tx) => tx.user.findMany({
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, email: true, status: true, lastLoginAt: true, roles: { select: { role: true } } },
  }));
  return rows.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    roles: u.roles.map((r) => r.role),
    status: u.status,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  }));
}
