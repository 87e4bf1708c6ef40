// The embedded server `npm test` runs the integration and e2e tests on when TEST_DATABASE_URL
// is unset: a real PostgreSQL 17 that asks for a password, and leaves nothing behind.
import { existsSync } from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startTestDatabase } from "./test-database";

async function connect(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ v: string; enc: string }>("SELECT version() AS v, current_setting('password_encryption') AS enc")).rows[0]!;
  } finally {
    await client.end();
  }
}

describe("startTestDatabase", { timeout: 90_000 }, () => {
  it("serves PostgreSQL 17 with password authentication, then stops and deletes its directory", async () => {
    const server = await startTestDatabase();
    try {
      expect(existsSync(server.dir)).toBe(true);
      expect(await connect(server.url)).toEqual({ v: expect.stringMatching(/^PostgreSQL 17\./), enc: "scram-sha-256" });
      const wrong = new URL(server.url);
      wrong.password = "not-the-password";
      await expect(connect(wrong.toString())).rejects.toThrow(/password authentication failed/);
      wrong.password = "";
      await expect(connect(wrong.toString())).rejects.toThrow(/password/);
    } finally {
      await server.stop();
    }
    expect(existsSync(server.dir)).toBe(false);
    await expect(connect(server.url)).rejects.toThrow(/ECONNREFUSED/);
    await server.stop(); // idempotent
  });
});
