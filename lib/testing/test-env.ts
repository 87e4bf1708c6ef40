import { randomBytes } from "node:crypto";
import pg from "pg";

// The environment integration tests and the e2e server run with: a throwaway database on the
// machine's PostgreSQL, and fresh keys each run.

export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function databaseUrlFor(database: string, user?: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${database}`;
  if (user) {
    url.username = user;
    url.password = "";
  }
  return url.toString();
}

export function freshDatabaseName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
}

export function testSecrets(): Record<string, string> {
  return {
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    FIELD_ENCRYPTION_KEYS: `v1:${randomBytes(32).toString("base64")}`,
    BLIND_INDEX_KEY: randomBytes(32).toString("base64"),
  };
}

/** One statement on the server's maintenance database: creating and dropping throwaway databases. */
export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
