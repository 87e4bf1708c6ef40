// `npm test`: the whole suite on a machine that has Node and nothing else. The browser comes
// first (found, or installed by Playwright, or one message saying how to get one) so that a
// missing browser stops the run before any database work. Then typecheck, lint and the unit
// tests (no database), then the integration and end-to-end tests against TEST_DATABASE_URL or,
// when it is unset, an embedded PostgreSQL 17 of this run's own: password authentication, a
// free port, a temporary directory that is removed at the end whatever happens (a failing step,
// Ctrl+C, SIGTERM). Steps stop at the first failure, whose exit code is the run's.
import type { ChildProcess } from "node:child_process";
import { constants } from "node:os";
import pg from "pg";
import { findBrowser, installPlaywrightChromium, NO_BROWSER_HELP } from "./lib/browser";
import { exitCodeOf, isRunning, spawnNpm } from "./lib/child";
import { startTestDatabase, type TestDatabaseServer } from "./lib/test-database";

const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
let current: ChildProcess | undefined;
let database: Promise<TestDatabaseServer> | undefined;
let finishing = false;

async function ensureBrowser(): Promise<boolean> {
  let found = findBrowser(env);
  if (!found) {
    console.log("▸ No Chromium found: npx playwright install chromium");
    if (await installPlaywrightChromium()) found = findBrowser(env);
  }
  if (!found) {
    console.error(NO_BROWSER_HELP);
    return false;
  }
  console.log(`▸ Browser: ${found.executablePath} (${found.source})`);
  env.CHROMIUM_PATH = found.executablePath;
  return true;
}

/** Exported as TEST_DATABASE_URL for the integration and e2e steps (lib/testing/test-env.ts). */
async function startServer(): Promise<string> {
  console.log("▸ Embedded PostgreSQL 17 for this run (temporary directory, removed at the end)");
  database = startTestDatabase();
  const server = await database;
  console.log(`  ${new URL(server.url).host}, data in ${server.dir}`);
  void server.exited.then(() => {
    if (!finishing) console.error("✖ The embedded PostgreSQL stopped unexpectedly.");
  });
  return server.url;
}

/** A TEST_DATABASE_URL that does not answer fails here with its own error, not in every test. */
async function checkServer(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch (e) {
    const where = new URL(url);
    where.password = where.password ? "***" : "";
    console.error(`✖ TEST_DATABASE_URL (${where}) does not answer: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function step(script: string): Promise<number> {
  console.log(`\n▸ npm run ${script}`);
  const started = Date.now();
  current = spawnNpm(["run", script], env);
  const code = await exitCodeOf(current);
  current = undefined;
  console.log(`${code === 0 ? "✓" : "✖"} npm run ${script} (${Math.round((Date.now() - started) / 1000)} s${code ? `, exit ${code}` : ""})`);
  return code;
}

async function steps(scripts: string[]): Promise<number> {
  for (const script of scripts) {
    const code = await step(script);
    if (code !== 0 || finishing) return code || 1;
  }
  return 0;
}

async function main(): Promise<number> {
  if (!(await ensureBrowser())) return 1;
  const code = await steps(["typecheck", "lint", "test:unit"]);
  if (code !== 0) return code;
  if (!env.TEST_DATABASE_URL) env.TEST_DATABASE_URL = await startServer();
  else if (!(await checkServer(env.TEST_DATABASE_URL))) return 1;
  if (finishing) return 1;
  return steps(["test:integration", "test:e2e"]);
}

/** Stops the running step, then the embedded server, removes its directory, exits with `code`. */
async function finish(code: number): Promise<never> {
  finishing = true;
  const child = current;
  if (isRunning(child)) {
    const exited = exitCodeOf(child);
    child.kill("SIGTERM"); // Playwright then stops its web server, which drops its database
    const force = setTimeout(() => child.kill("SIGKILL"), 20_000);
    await exited;
    clearTimeout(force);
  }
  const server = await database?.catch(() => undefined); // a failed start removed its own dir
  await server?.stop();
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (!finishing) void finish(128 + constants.signals[signal]);
  });
}

main()
  .catch((e: unknown) => {
    console.error(`✖ ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  })
  .then((code) => {
    if (!finishing) void finish(code);
  });
