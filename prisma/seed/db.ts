import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";

// The seed connects as the schema owner (DATABASE_URL), never through lib/db: that client is the
// app role, which may not write reference data. The owner is subject to FORCE ROW LEVEL SECURITY
// in production, so every tenant write runs in a transaction that first names the tenant.

export type SeedDb = PrismaClient;
export type SeedTx = Prisma.TransactionClient;

// Generous: one tenant's first run hashes a few argon2 passwords and inserts a week of agenda.
const TX_OPTIONS = { timeout: 120_000, maxWait: 30_000 } as const;

export function createSeedClient(connectionString: string): SeedDb {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 4 }) });
}

/**
 * One transaction scoped to one tenant: RLS admits only that tenant's rows and tenant_id columns
 * default to it. The owner may be a superuser (RLS bypassed) in development, so reads inside
 * must still filter by tenantId explicitly.
 */
export function inTenant<T>(db: SeedDb, tenantId: string, fn: (tx: SeedTx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true),
      set_config('app.request_id', 'seed', true)`;
    return fn(tx);
  }, TX_OPTIONS);
}

/** Platform mode: the platform_* tables (super admins and their audit trail), no clinic. */
export function inPlatform<T>(db: SeedDb, fn: (tx: SeedTx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.platform', 'on', true),
      set_config('app.tenant_id', '', true),
      set_config('app.request_id', 'seed', true)`;
    return fn(tx);
  }, TX_OPTIONS);
}
