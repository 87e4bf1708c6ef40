// Migration runner: applies prisma/migrations/*/migration.sql without the Prisma CLI, whose
// native schema engine cannot be downloaded here (see docs and shared/notes/prisma-offline.md).
//
// It follows `prisma migrate deploy` closely so the two stay interchangeable on one database:
// same advisory lock, same `_prisma_migrations` table and rows, same checksum, each file sent
// as one simple-protocol query (an implicit transaction, as the schema engine does).
import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import pg from "pg";

/** Prisma's own advisory lock key, so this runner and `prisma migrate` exclude each other. */
export const MIGRATION_LOCK_KEY = 72707369;

/** The application role created (NOLOGIN) by a migration; the runner grants it LOGIN. */
export const APP_ROLE = "prontivus_app";

export const DEFAULT_MIGRATIONS_DIR = resolve(import.meta.dirname, "../../prisma/migrations");

// Verbatim from Prisma's schema engine (PostgreSQL flavour), so `prisma migrate status` accepts it.
const MIGRATIONS_TABLE_DDL = (table: string) => `CREATE TABLE ${table} (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

/** A refusal or failure the CLI reports as a message (exit 1), not as a stack trace. */
export class MigrationError extends Error {
  override name = "MigrationError";
}

export interface MigrateOptions {
  /** Progress lines; defaults to console.log. */
  log?: (line: string) => void;
  /** Defaults to <repo>/prisma/migrations. */
  migrationsDir?: string;
  /** Role to give LOGIN after migrating; skipped silently if it does not exist. */
  appRole?: string;
  /** Password for appRole; defaults to env APP_DATABASE_PASSWORD (unset or empty: no change). */
  appRolePassword?: string;
}

export interface MigrateResult {
  /** Names of the migrations this run applied, in order. */
  applied: string[];
}

export interface MigrationFile {
  name: string;
  path: string;
  sql: string;
  checksum: string;
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** SHA-256 hex of the script, exactly as Prisma stores it in `_prisma_migrations.checksum`. */
export function migrationChecksum(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

/**
 * Prisma also accepts the checksum of the script with line endings converted either way,
 * because git may rewrite them on checkout; refusing those would be a false alarm.
 */
function matchesChecksum(sql: string, checksum: string): boolean {
  return [sql, sql.replaceAll("\r\n", "\n"), sql.replaceAll("\n", "\r\n")].some(
    (variant) => migrationChecksum(variant) === checksum,
  );
}

/** Migration directories (each holding migration.sql), sorted by name as Prisma does. */
export async function readMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  if (!existsSync(migrationsDir)) return [];
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const path = join(migrationsDir, name, "migration.sql");
      if (!existsSync(path)) throw new MigrationError(`Migration ${name} has no migration.sql (${path}).`);
      const sql = await readFile(path, "utf8");
      return { name, path, sql, checksum: migrationChecksum(sql) };
    }),
  );
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel;
}

async function lock(client: pg.Client, log: (line: string) => void): Promise<void> {
  const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
    MIGRATION_LOCK_KEY,
  ]);
  if (rows[0]?.locked) return;
  log(`Waiting for another migration run to finish (advisory lock ${MIGRATION_LOCK_KEY})…`);
  await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
}

/**
 * The table lives in the connection's current schema (as with Prisma, whose default is public).
 * We qualify it once up front so a migration that changes search_path cannot redirect the
 * bookkeeping that follows it.
 */
async function migrationsTable(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ schema: string | null }>("SELECT current_schema() AS schema");
  const schema = rows[0]?.schema;
  if (!schema) throw new MigrationError("The connection has no current schema (check search_path).");
  const table = `${pg.escapeIdentifier(schema)}._prisma_migrations`;
  const exists = await client.query<{ t: string | null }>("SELECT to_regclass($1) AS t", [table]);
  if (!exists.rows[0]?.t) await client.query(MIGRATIONS_TABLE_DDL(table));
  return table;
}

/** Refuses to go on over a failed migration or an applied migration whose file changed. */
function checkHistory(files: MigrationFile[], rows: MigrationRow[], log: (line: string) => void): void {
  const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed) {
    const file = files.find((f) => f.name === failed.migration_name);
    throw new MigrationError(
      `Migration ${failed.migration_name} failed earlier${file ? ` (${displayPath(file.path)})` : ""}; ` +
        `no further migrations will be applied until it is resolved.\n` +
        `Undo whatever it applied partially (its statements ran in one transaction, so usually ` +
        `nothing), fix the file, then mark it rolled back so the next run retries it:\n` +
        `  UPDATE _prisma_migrations SET rolled_back_at = now() ` +
        `WHERE migration_name = '${failed.migration_name}' AND finished_at IS NULL;\n` +
        `(equivalent to: prisma migrate resolve --rolled-back ${failed.migration_name})`,
    );
  }
  const applied = rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null);
  for (const row of applied) {
    const file = files.find((f) => f.name === row.migration_name);
    if (!file) {
      log(`Warning: applied migration ${row.migration_name} is not in the migrations folder.`);
    } else if (!matchesChecksum(file.sql, row.checksum)) {
      throw new MigrationError(
        `Migration ${row.migration_name} was modified after it was applied (${displayPath(file.path)}). ` +
          `Restore the file and put the change in a new migration.`,
      );
    }
  }
}

async function applyOne(client: pg.Client, table: string, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  // Recorded before running, in its own statement, so a failure leaves a row behind.
  await client.query(`INSERT INTO ${table} (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`, [
    id,
    file.checksum,
    file.name,
  ]);
  try {
    // No parameters → simple query protocol: the whole file runs as one implicit transaction.
    await client.query(file.sql);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await client.query(`UPDATE ${table} SET logs = $2 WHERE id = $1`, [id, message]);
    throw new MigrationError(`Migration ${file.name} failed (${displayPath(file.path)}): ${message}`);
  }
  await client.query(
    `UPDATE ${table} SET finished_at = now(), applied_steps_count = applied_steps_count + 1 WHERE id = $1`,
    [id],
  );
}

/** Gives the app role LOGIN (and its password, when configured); no-op if the role is absent. */
async function enableAppRoleLogin(client: pg.Client, role: string, password: string | undefined): Promise<boolean> {
  const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
  if (!rowCount) return false;
  const passwordClause = password ? ` PASSWORD ${pg.escapeLiteral(password)}` : "";
  await client.query(`ALTER ROLE ${pg.escapeIdentifier(role)} LOGIN${passwordClause}`);
  return true;
}

/**
 * Applies every pending migration in name order to `databaseUrl` (an owner connection), under
 * Prisma's advisory lock, then gives the app role LOGIN. Throws MigrationError on refusal or
 * failure; concurrent callers serialize on the lock and each migration is applied once.
 */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const appRole = options.appRole ?? APP_ROLE;
  const appRolePassword = options.appRolePassword ?? (process.env.APP_DATABASE_PASSWORD || undefined);

  const files = await readMigrations(migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "prontivus-migrate" });
  await client.connect();
  try {
    await lock(client, log);
    // Everything below reads state only after the lock is held, so a concurrent run's work is seen.
    const table = await migrationsTable(client);
    const { rows } = await client.query<MigrationRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM ${table} ORDER BY started_at`,
    );
    checkHistory(files, rows, log);

    const done = new Set(rows.filter((r) => r.rolled_back_at === null).map((r) => r.migration_name));
    const pending = files.filter((f) => !done.has(f.name));
    const applied: string[] = [];
    for (const file of pending) {
      const started = performance.now();
      await applyOne(client, table, file);
      applied.push(file.name);
      log(`Applied ${file.name} (${Math.round(performance.now() - started)} ms)`);
    }
    log(
      applied.length
        ? `Applied ${applied.length} migration(s); ${files.length} in total.`
        : `Database is up to date (${files.length} migration(s) applied).`,
    );

    if (await enableAppRoleLogin(client, appRole, appRolePassword)) {
      log(`Role ${appRole} can log in${appRolePassword ? " (password set)" : ""}.`);
    }
    return { applied };
  } finally {
    // Ending the session also releases the advisory lock if anything above threw.
    await client.end();
  }
}
