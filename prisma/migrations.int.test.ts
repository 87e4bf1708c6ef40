import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureInstalled } from "../scripts/prisma-migrate/install";
import { TEST_SERVER_URL } from "../lib/testing/test-env";

// The schema and the migrations must agree: a model change without its migration fails here,
// before it can reach a database.
describe("migrations", () => {
  it("hold every change of prisma/schema.prisma", async () => {
    ensureInstalled(() => {});
    const { diffMigrationsToSchema } = await import("../scripts/prisma-migrate/diff");
    const { sql } = await diffMigrationsToSchema({
      schemaPath: resolve(import.meta.dirname, "schema.prisma"),
      migrationsDir: resolve(import.meta.dirname, "migrations"),
      databaseUrl: TEST_SERVER_URL,
    });
    expect(sql, `missing migration; run: npm run db:migration -- <name>\n${sql}`).toBe("");
  }, 120_000);
});
