import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import pg from "pg";
import { seed } from "../../prisma/seed/index";
import { migrate } from "../../scripts/lib/migrations";
import { databaseUrlFor, freshDatabaseName, testSecrets, TEST_SERVER_URL } from "../../lib/testing/test-env";
import { E2E_PORT, STATE_FILE } from "./state";

// Playwright's web server: a fresh database (migrated and seeded), then the production build
// (`next start`) on it, connected as the application role. On SIGTERM the database is dropped.

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const name = freshDatabaseName("prontivus_e2e");
await admin(`CREATE DATABASE ${name}`);
const ownerUrl = databaseUrlFor(name);
const env = {
  ...testSecrets(),
  DATABASE_URL: ownerUrl,
  APP_DATABASE_URL: databaseUrlFor(name, "prontivus_app"),
  APP_HOST: `localhost:${E2E_PORT}`,
};
Object.assign(process.env, env);
await migrate(ownerUrl, { log: () => {} });
await seed(ownerUrl, { log: () => {} });
writeFileSync(STATE_FILE, JSON.stringify(env));

const next = spawn("npx", ["next", "start", "-p", String(E2E_PORT)], {
  stdio: "inherit",
  env: { ...process.env, ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((e) => console.error(e));
  process.exit(code);
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
next.on("exit", (code) => void stop(code ?? 1));
