import type { Context } from "@/lib/context";
import { appPrisma, holdingConnection, type Tx } from "./client";

export type TenantScope = Pick<Context, "tenantId" | "requestId"> & { user: { id: string } | null };

/**
 * Runs one unit of work for one tenant: a single interactive transaction whose first statement
 * sets the tenant, user and request for row-level security (transaction-local, so a pooled
 * connection never carries them over). Reads and writes inside share the transaction, and so do
 * the audit rows they record: either all of it happens or none.
 */
export async function withTenant<T>(scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!scope.tenantId) throw new Error("withTenant needs a tenantId");
  return appPrisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.tenant_id', ${scope.tenantId}, true),
      set_config('app.user_id', ${scope.user?.id ?? ""}, true),
      set_config('app.request_id', ${scope.requestId}, true)`;
    return holdingConnection(() => fn(tx));
  }, { maxWait: 5_000, timeout: 15_000 });
}
