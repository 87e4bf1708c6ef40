// Prisma 6.19 config for offline migration generation, used only by ./diff.ts.
// `engine: "js"` selects the WebAssembly schema engine shipped in the npm package, so the CLI
// never downloads the native engine (unreachable here; Prisma 7 has no such option).
import { defineConfig } from "prisma/config";
import { createMigrateAdapterFactory } from "./adapter";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`prisma-migrate: ${name} must be set (run it through diff.ts)`);
  return value;
}

const databaseUrl = required("DATABASE_URL");
const runId = required("PRISMA_MIGRATE_RUN_ID");

export default defineConfig({
  // The CLI reads this schema at start-up to decide which query engine it must download; with
  // PRISMA_CLIENT_ENGINE_TYPE=client it needs none. Without a readable schema it assumes
  // "library" and tries to download libquery_engine.
  schema: required("PRISMA_MIGRATE_SCHEMA"),
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => createMigrateAdapterFactory(databaseUrl, runId),
});
