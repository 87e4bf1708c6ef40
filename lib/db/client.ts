import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { appDatabaseUrl, env } from "@/lib/env";
import { filterGuard } from "./guard-extension";
import { closeListeners } from "./listen";
import { writeHooks } from "./write-hooks";

// The process's pools, connected as the application role (RLS live): the main one for
// transactions, and a small one for cache lookups (lookupPrisma). Kept on globalThis so that
// dev-server reloads do not open new pools each time.

function createClient(max: number) {
  const adapter = new PrismaPg({ connectionString: appDatabaseUrl(), max });
  return new PrismaClient({ adapter }).$extends(filterGuard).$extends(writeHooks);
}

/** Connections of the lookup pool (lookupPrisma): single statements, never held for long. */
const LOOKUP_POOL_SIZE = 2;

export type AppPrisma = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<AppPrisma["$transaction"]>[0]>[0];

const holder = globalThis as unknown as { __prontivusPrisma?: AppPrisma; __prontivusLookups?: AppPrisma };

// Work running inside one of our transactions holds a pooled connection until it commits. If it
// asks the main pool for another (a nested withTenant, any second transaction), then under load
// every connection is held by a transaction waiting for one more, and all of them stall until
// their timeout: the pool deadlocks. Such a call is a bug however rarely it runs, so it fails at
// once in development and tests, and is logged in production (NESTED_CONNECTION).
const holding = new AsyncLocalStorage<boolean>();

/** Runs `fn` as work that holds a connection (lib/db's transactions only). */
export function holdingConnection<T>(fn: () => Promise<T>): Promise<T> {
  return holding.run(true, fn);
}

export class NestedConnectionError extends Error {
  constructor() {
    super("A second database connection was asked for inside a transaction: pass its tx instead (pool deadlock under load).");
    this.name = "NestedConnectionError";
  }
}

/** The raw app client. Only lib/db uses it: everything else goes through withTenant or systemDb. */
export function appPrisma(): AppPrisma {
  if (holding.getStore()) {
    const error = new NestedConnectionError();
    const { NESTED_CONNECTION, NODE_ENV } = env();
    if ((NESTED_CONNECTION ?? (NODE_ENV === "production" ? "log" : "throw")) === "throw") throw error;
    console.error(error);
  }
  holder.__prontivusPrisma ??= createClient(env().DATABASE_POOL_SIZE);
  return holder.__prontivusPrisma;
}

/**
 * A small pool of its own for the lookups that caches make (the tenant by its host, the role
 * matrix, reference tables): they may run while the caller's transaction holds a connection of
 * the main pool, and waiting on that pool from inside it is the deadlock described above.
 * Transactions never run here, so these connections are free again after one statement.
 */
export function lookupPrisma(): AppPrisma {
  holder.__prontivusLookups ??= createClient(LOOKUP_POOL_SIZE);
  return holder.__prontivusLookups;
}

export async function disconnectDb(): Promise<void> {
  await closeListeners();
  await Promise.all([holder.__prontivusPrisma?.$disconnect(), holder.__prontivusLookups?.$disconnect()]);
  holder.__prontivusPrisma = undefined;
  holder.__prontivusLookups = undefined;
}
