import type { Context } from "@/lib/context";
import { Prisma } from "@/lib/generated/prisma/client";
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

/**
 * SQL functions that enter the tenant themselves: their first act is withTenant's set_config
 * (tenant, user, request; transaction-local), and they are called as one statement outside any
 * transaction, so that statement's implicit transaction is the whole unit of work. For hot reads
 * where BEGIN, set_config and COMMIT would be most of the round trips (docs/performance.md).
 * A closed list: the name is spliced into the SQL.
 */
export type TenantFunction = "read_medical_record";

/** `SELECT fn(tenant, user, request, ...args)`: its one jsonb result, or null. */
export async function callTenantFunction<T>(scope: TenantScope, fn: TenantFunction, args: (string | null)[]): Promise<T | null> {
  if (!scope.tenantId) throw new Error("callTenantFunction needs a tenantId");
  const params = [scope.tenantId, scope.user?.id ?? null, scope.requestId, ...args];
  const rows = await appPrisma().$queryRaw<{ result: T | null }[]>`SELECT ${Prisma.raw(fn)}(${Prisma.join(params)}) AS result`;
  return rows[0]?.result ?? null;
}
