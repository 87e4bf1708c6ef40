import { createHmac, randomBytes } from "node:crypto";
import pg from "pg";

// The environment integration tests and the e2e server run with: a throwaway database on the
// test server, and fresh keys each run. The server is TEST_DATABASE_URL (`npm test` starts an
// embedded PostgreSQL and sets it; see scripts/test.ts), else the local one on 127.0.0.1:5432.

export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

export const APP_ROLE = "prontivus_app";

/**
 * The app role's password on the test server. A role belongs to the whole server, not to one
 * database, so every run against the same server must set the same one (a random one per run
 * would lock out a concurrent run's new connections). Derived from the owner's URL, password
 * included: as secret as that URL, and the same for every run that uses it.
 */
export const TEST_APP_PASSWORD = createHmac("sha256", TEST_SERVER_URL).update(APP_ROLE).digest("hex").slice(0, 32);

/** URL of `database` on the test server: as its owner, or as `user` (the app role, with its password). */
export function databaseUrlFor(database: string, user?: typeof APP_ROLE): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${database}`;
  if (user) {
    url.username = user;
    url.password = TEST_APP_PASSWORD;
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

/** Owner and app-role URLs of a test database, and the password migrate() gives the app role. */
export function databaseEnv(database: string): { DATABASE_URL: string; APP_DATABASE_URL: string; APP_DATABASE_PASSWORD: string } {
  return {
    DATABASE_URL: databaseUrlFor(database),
    APP_DATABASE_URL: databaseUrlFor(database, APP_ROLE),
    APP_DATABASE_PASSWORD: TEST_APP_PASSWORD,
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
