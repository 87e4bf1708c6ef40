import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { seed } from "../../prisma/seed/index";
import { migrate } from "../../scripts/lib/migrations";
import { startSmtpCatcher } from "../../scripts/lib/smtp-catcher";
import { databaseEnv, freshDatabaseName, testSecrets, adminQuery, TEST_APP_PASSWORD } from "../../lib/testing/test-env";
import { E2E_PORT, STATE_FILE } from "./state";

// Playwright's web server: a fresh database (migrated and seeded), then the production build
// (`next start`) on it, connected as the application role. Mail goes to an SMTP catcher in this
// process, kept in a fresh outbox directory that specs read (e2e/support/outbox.ts) and that the
// production build shows at /dev/outbox because of ENABLE_DEV_OUTBOX. On SIGTERM the database and
// the outbox are removed.


const name = freshDatabaseName("prontivus_e2e");
await adminQuery(`CREATE DATABASE ${name}`);
const database = databaseEnv(name);
const ownerUrl = database.DATABASE_URL;
const outboxDir = mkdtempSync(path.join(tmpdir(), "prontivus-e2e-outbox-"));
const catcher = await startSmtpCatcher({ port: 0, outboxDir });
const env = {
  ...testSecrets(),
  ...database,
  APP_HOST: `localhost:${E2E_PORT}`,
  SMTP_URL: catcher.url,
  OUTBOX_DIR: outboxDir,
  ENABLE_DEV_OUTBOX: "1",
  // `next start` over plain http on *.localhost: Secure cookies would never be sent back.
  COOKIE_SECURE: "0",
  // A production build, but a second connection asked for inside a transaction fails the page
  // or route that asks (lib/db/client.ts) instead of only being logged.
  NESTED_CONNECTION: "throw",
};
Object.assign(process.env, env);
await migrate(ownerUrl, { log: () => {}, appRolePassword: TEST_APP_PASSWORD });
await seed(ownerUrl, { log: () => {} });
writeFileSync(STATE_FILE, JSON.stringify(env));

// Next's own CLI, not `npx next`: npx does not pass SIGTERM on, and the server outlived the run.
const nextCli = createRequire(import.meta.url).resolve("next/dist/bin/next");
const next = spawn(process.execPath, [nextCli, "start", "-p", String(E2E_PORT)], {
  stdio: "inherit",
  env: { ...process.env, ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});

// The job worker (reminders, waitlist offers) runs beside the app, as in production.
const worker = spawn(process.execPath, [createRequire(import.meta.url).resolve("tsx/cli"), "scripts/worker.ts"], {
  stdio: "inherit",
  env: { ...process.env, ...env, NODE_ENV: "production" },
});

const exitOf = (child: typeof next) => new Promise((resolve) => child.once("exit", resolve));
const [nextExited, workerExited] = [exitOf(next), exitOf(worker)];

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  worker.kill("SIGTERM"); // it finishes running jobs, then exits
  await Promise.all([nextExited, workerExited]);
  await catcher.stop();
  rmSync(outboxDir, { recursive: true, force: true });
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((e) => console.error(e));
  process.exit(code);
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
next.on("exit", (code) => void stop(code ?? 1));
