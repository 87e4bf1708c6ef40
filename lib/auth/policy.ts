import type { Context } from "@/lib/context";
import { systemDb } from "@/lib/db/system";
import type { RoleKey } from "@/lib/generated/prisma/enums";
import type { Permission } from "./permissions";

export function can(ctx: Pick<Context, "permissions">, permission: Permission): boolean {
  return ctx.permissions.has(permission);
}

const TTL_MS = 60_000;
let matrix: { at: number; byRole: Map<RoleKey, string[]> } | undefined;

/** Permissions granted by a set of roles, from the database's role_permissions (cached). */
export async function permissionsFor(roles: RoleKey[]): Promise<Set<string>> {
  if (!matrix || Date.now() - matrix.at > TTL_MS) {
    const rows = await systemDb.rolePermissions();
    matrix = { at: Date.now(), byRole: new Map(rows.map((r) => [r.key, r.permissions.map((p) => p.permissionKey)])) };
  }
  return new Set(roles.flatMap((r) => matrix!.byRole.get(r) ?? []));
}
