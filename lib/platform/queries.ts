import type { PlatformContext } from "@/lib/auth/session";
import { systemDb } from "@/lib/db/system";
import { forbidden } from "@/lib/errors";

export type TenantListItem = {
  id: string; slug: string; name: string; cnpj: string; cnes: string | null;
  status: "ACTIVE" | "SUSPENDED" | "ARCHIVED"; createdAt: string;
};

export async function listTenants(ctx: PlatformContext): Promise<TenantListItem[]> {
  if (!ctx.permissions.has("platform:manage")) throw forbidden();
  const rows = await systemDb.listTenants();
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
