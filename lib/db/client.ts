import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { appDatabaseUrl, env } from "@/lib/env";
import { filterGuard } from "./guard-extension";
import { closeListeners } from "./listen";
import { writeHooks } from "./write-hooks";

// One pool per process, connected as the application role (RLS live). Kept on globalThis so
// that dev-server reloads do not open a new pool each time.

function createClient() {
  const adapter = new PrismaPg({ connectionString: appDatabaseUrl(), max: env().DATABASE_POOL_SIZE });
  return new PrismaClient({ adapter }).$extends(filterGuard).$extends(writeHooks);
}

export type AppPrisma = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<AppPrisma["$transaction"]>[0]>[0];

const holder = globalThis as unknown as { __prontivusPrisma?: AppPrisma };

/** The raw app client. Only lib/db uses it: everything else goes through withTenant or systemDb. */
export function appPrisma(): AppPrisma {
  holder.__prontivusPrisma ??= createClient();
  return holder.__prontivusPrisma;
}

export async function disconnectDb(): Promise<void> {
  await closeListeners();
  await holder.__prontivusPrisma?.$disconnect();
  holder.__prontivusPrisma = undefined;
}
