// `npm run dev`: database (external or embedded) → db:migrate → db:seed → next dev, and a clean
// shutdown of all of it. Env: DATABASE_URL (use that server instead of the embedded one),
// PRONTIVUS_DEV_DB_PORT (embedded port, default 54329), PORT/APP_HOST (next dev), and the secrets
// below (generated once into .data/dev-secrets.json when not provided). Without SMTP_URL, a local
// SMTP catcher receives the app's e-mail into OUTBOX_DIR (default .data/outbox), shown at /dev/outbox.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { constants } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { exitCodeOf, spawnNpm } from "./lib/child";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./lib/embedded-db";
import { startSmtpCatcher, type SmtpCatcher } from "./lib/smtp-catcher";

const root = path.resolve(import.meta.dirname, "..");
const dataRoot = path.join(root, ".data");
const env: NodeJS.ProcessEnv = { ...loadEnvFiles() };

let current: ChildProcess | undefined; // the one child running now (migrate, seed or next)
let dbStarting: Promise<EmbeddedPostgres> | undefined;
let catcher: SmtpCatcher | undefined;
let worker: ChildProcess | undefined; // the job worker (reminders, waitlist offers), next to next dev
let shuttingDown = false;

// Same precedence as Next in development: real env first, then these files in this order
// (loadEnvFile never overwrites a variable that is already set).
function loadEnvFiles(): NodeJS.ProcessEnv {
  for (const f of [".env.development.local", ".env.local", ".env.development", ".env"]) {
    const file = path.join(root, f);
    if (existsSync(file) && typeof process.loadEnvFile === "function") process.loadEnvFile(file);
  }
  return process.env;
}

/** Secrets live in .data/ (mode 600) and are made once, so data encrypted with them stays readable. */
function writeSecret(name: string, text: string): void {
  const file = path.join(dataRoot, name);
  mkdirSync(dataRoot, { recursive: true });
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600); // `mode` only applies when the file is created
}

function readSecret(name: string): string | undefined {
  const file = path.join(dataRoot, name);
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

function fillDevSecrets(): void {
  const rnd = () => randomBytes(32);
  const make = {
    NEXTAUTH_SECRET: () => rnd().toString("base64url"),
    FIELD_ENCRYPTION_KEYS: () => `v1:${rnd().toString("base64")}`,
    BLIND_INDEX_KEY: () => rnd().toString("base64"),
  };
  const keys = Object.keys(make) as (keyof typeof make)[];
  if (keys.some((k) => !env[k])) {
    const saved: Record<string, string> = JSON.parse(readSecret("dev-secrets.json") ?? "{}");
    const missing = keys.filter((k) => !saved[k]);
    for (const k of missing) saved[k] = make[k]();
    if (missing.length) writeSecret("dev-secrets.json", JSON.stringify(saved, null, 2) + "\n");
    for (const k of keys) env[k] ||= saved[k];
  }
  env.AUTH_SECRET ||= env.NEXTAUTH_SECRET; // Auth.js v5 name; NextAuth v4 reads NEXTAUTH_SECRET
}

async function startDatabase(): Promise<string> {
  const raw = env.PRONTIVUS_DEV_DB_PORT ?? "54329";
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PRONTIVUS_DEV_DB_PORT=${raw} is not a port number`);
  const logFile = path.join(dataRoot, "postgres.log");
  mkdirSync(dataRoot, { recursive: true });
  const log = createWriteStream(logFile, { flags: "a" }); // "w" would wipe a running instance's log
  log.write(`\n=== npm run dev ${new Date().toISOString()} ===\n`);
  const dataDir = path.join(dataRoot, "postgres");
  console.log(`▸ Embedded PostgreSQL 17 on localhost:${port} (data: .data/postgres, log: .data/postgres.log)`);
  const t0 = Date.now();
  dbStarting = startEmbeddedPostgres({ dataDir, port, database: "prontivus", onLog: (l) => log.write(l + "\n") });
  const db = await dbStarting;
  console.log(`  ${db.initialised ? "initialised a new cluster and started" : "started"} in ${Date.now() - t0} ms`);
  void db.exited.then(() => {
    if (shuttingDown) return;
    console.error(`\n✖ PostgreSQL stopped unexpectedly; see ${logFile}`);
    void shutdown(1);
  });
  // The app's role: migrations create it NOLOGIN; db:migrate gives it LOGIN and this password.
  let appPassword = readSecret("app-db-password")?.trim();
  if (!appPassword) writeSecret("app-db-password", (appPassword = randomBytes(24).toString("hex")) + "\n");
  env.DATABASE_URL = db.url;
  env.APP_DATABASE_PASSWORD = appPassword;
  env.APP_DATABASE_URL = db.urlFor("prontivus_app", appPassword);
  return `embedded PostgreSQL on localhost:${port}; owner password in .data/postgres/prontivus-superuser-password`;
}

/** Mail goes to the user's SMTP_URL when given, else to a catcher on a free loopback port. */
async function startMail(): Promise<string> {
  env.OUTBOX_DIR ||= path.join(dataRoot, "outbox"); // the logging SMS driver writes here too
  if (env.SMTP_URL) return "SMTP_URL (your server)";
  catcher = await startSmtpCatcher({ port: 0, outboxDir: env.OUTBOX_DIR });
  env.SMTP_URL = catcher.url;
  return `caught by ${catcher.url}, kept in ${path.relative(root, env.OUTBOX_DIR) || env.OUTBOX_DIR}`;
}

function run(args: string[], label: string): Promise<number> {
  console.log(`▸ ${label}`);
  const child = spawnNpm(args, env);
  current = child;
  return exitCodeOf(child);
}

function printBanner(database: string, mail: string): void {
  const host = env.APP_HOST!;
  console.log(`
┌─ Prontivus dev ──────────────────────────────────────────────
│ Staff & sign-in  http://demo.${host}
│ Clinic admin     http://demo.${host}/admin
│ Patient portal   http://demo.${host}/portal
│ Platform (root)  http://${host}/platform
│ Outbox           http://${host}/dev/outbox
│ Demo logins: printed by the seed above.
│ Database: ${database}
│ E-mail: ${mail}
└──────────────────────────────────────────────────────────────
`);
}

async function main(): Promise<void> {
  fillDevSecrets();
  env.APP_HOST ||= `localhost:${env.PORT || 3000}`;
  const mail = await startMail();
  const database = env.DATABASE_URL ? "DATABASE_URL (external server)" : await startDatabase();
  if (shuttingDown) return; // a signal arrived while PostgreSQL was starting
  // Seed always runs: it is idempotent, picks up seed changes, and prints the demo logins.
  for (const script of ["db:migrate", "db:seed"]) {
    const code = await run(["run", script], `npm run ${script}`);
    if (shuttingDown) return;
    if (code !== 0) {
      console.error(`✖ npm run ${script} failed (exit ${code})`);
      return shutdown(code);
    }
  }
  printBanner(database, mail);
  // PORT, not `-- -p`, changes next's port: APP_HOST (tenant hosts) is derived from it above.
  const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");
  worker = spawn(process.execPath, [tsxCli, path.join(root, "scripts/worker.ts")], { stdio: "inherit", env });
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const next = spawn(process.execPath, [nextBin, "dev", ...process.argv.slice(2)], { stdio: "inherit", env });
  current = next;
  const code = await exitCodeOf(next);
  if (!shuttingDown) await shutdown(code);
}

/** Stop the running child, then PostgreSQL. Exit with the child's code after a signal (as if
 *  the signal had reached it directly), otherwise with `code`. */
async function shutdown(code: number, childDecides = false): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  const child = current;
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = exitCodeOf(child);
    child.kill("SIGTERM");
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    const childCode = await exited;
    clearTimeout(force);
    if (childDecides) code = childCode;
  }
  if (worker && worker.exitCode === null && worker.signalCode === null) {
    const exited = exitCodeOf(worker);
    worker.kill("SIGTERM"); // it finishes running jobs, then exits
    await exited;
  }
  await catcher?.stop(); // after the child: it may be sending mail until it exits
  const db = await dbStarting?.catch(() => undefined);
  if (db) {
    console.log("▸ Stopping PostgreSQL");
    await db.stop();
  }
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (!shuttingDown) return void shutdown(128 + constants.signals[signal], true);
    // A second Ctrl+C: stop waiting for the child (PostgreSQL is still stopped cleanly).
    if (signal === "SIGINT") current?.kill("SIGKILL");
  });
}

main().catch((e: unknown) => {
  console.error(`✖ ${e instanceof Error ? e.message : String(e)}`);
  void shutdown(1);
});
