import pg from "pg";
import { appDatabaseUrl, env } from "@/lib/env";

// Raw connections for integration tests. The owner (DATABASE_URL, a superuser in tests) writes
// what the app role may not (tenants, reference data) and reads past RLS to check outcomes;
// asApp connects as prontivus_app, the role the running app uses, so RLS is live.

let pool: pg.Pool | undefined;

function ownerUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL (owner) is not set: run with --project integration");
  return url;
}

export function ownerPool(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: ownerUrl(), max: 4 });
  return pool;
}

/** One statement as the owner; returns its rows. */
export async function asOwner<R extends pg.QueryResultRow = Record<string, unknown>>(
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  return (await ownerPool().query<R>(sql, params)).rows;
}

/** A dedicated owner client for the length of fn (transactions, verifyAuditChain). */
export async function withOwnerClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await ownerPool().connect();
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}

/** A fresh, unpooled client connected as prontivus_app, closed after fn. */
export async function asApp<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: appDatabaseUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function closeOwnerPool(): Promise<void> {
  await pool?.end();
  pool = undefined;
}
