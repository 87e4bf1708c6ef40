// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with
// the SQL that brings the migrations up to prisma/schema.prisma.
// `npm run db:migration:check`: exits 1, printing that SQL, when the schema has changes no
// migration holds (CI gate); 0 when in sync; 2 when the diff itself failed.
//
// Generation runs Prisma 6.19.3's WebAssembly engine from scripts/prisma-migrate (Prisma 7's
// native engine cannot be downloaded here). It needs a PostgreSQL ≤ 17 where DATABASE_URL's role
// has CREATEDB: only throwaway shadow databases are created there, then dropped.
import { existsSync } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ensureInstalled } from "./prisma-migrate/install";

const ROOT = resolve(import.meta.dirname, "..");

function usage(message: string): never {
  console.error(
    `${message}\nUsage: npm run db:migration -- <name>   |   npm run db:migration:check\n` +
      `Options: --schema <file> (default prisma/schema.prisma), --migrations <dir> (default prisma/migrations)`,
  );
  process.exit(1);
}

function display(path: string): string {
  const rel = relative(ROOT, path);
  return rel.startsWith("..") ? path : rel;
}

const STAMP = /^(\d{14})_/;

/**
 * Prisma's folder-name convention: UTC YYYYMMDDHHMMSS, then the name in snake case. The stamp is
 * moved past the newest existing migration if needed (a hand-written one may carry a later
 * stamp, or the clock may be behind), because name order is apply order.
 */
async function migrationFolderName(name: string, migrationsDir: string): Promise<string> {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!slug) usage(`Invalid migration name: "${name}".`);
  const existing = existsSync(migrationsDir) ? await readdir(migrationsDir) : [];
  const latest = existing.map((n) => STAMP.exec(n)?.[1]).filter((s): s is string => !!s).sort().at(-1);
  const latestTime = latest ? Date.parse(latest.replace(/(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)/, "$1-$2-$3T$4:$5:$6Z")) : 0;
  const time = Math.max(Date.now(), latestTime + 1000);
  const stamp = new Date(time).toISOString().replace(/\D/g, "").slice(0, 14);
  return `${stamp}_${slug}`;
}

function parseCli() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { check: { type: "boolean" }, schema: { type: "string" }, migrations: { type: "string" } },
    });
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
}

const parsed = parseCli();
const check = parsed.values.check ?? false;
const names = parsed.positionals;
// Paths given on the command line are relative to where npm was invoked (INIT_CWD).
const cwd = process.env.INIT_CWD ?? process.cwd();
const SCHEMA = parsed.values.schema ? resolve(cwd, parsed.values.schema) : join(ROOT, "prisma", "schema.prisma");
const MIGRATIONS = parsed.values.migrations
  ? resolve(cwd, parsed.values.migrations)
  : join(ROOT, "prisma", "migrations");
if (check ? names.length > 0 : names.length !== 1) usage("Expected exactly one migration name, or --check.");
if (!existsSync(SCHEMA)) usage(`No Prisma schema at ${SCHEMA}.`);

/** Exit 2, not 1: check mode's 1 means "a migration is missing", this means "could not tell". */
function fail(error: unknown): never {
  console.error(`db:migration: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

try {
  ensureInstalled();
} catch (error) {
  fail(error);
}
// Loaded only now: it depends on the folder's own node_modules, which ensureInstalled provides.
const { diffMigrationsToSchema, DEFAULT_GENERATOR_DATABASE_URL, MIGRATION_LOCK_TOML } = await import(
  "./prisma-migrate/diff"
);

const { sql, durationMs } = await diffMigrationsToSchema({
  schemaPath: SCHEMA,
  migrationsDir: MIGRATIONS,
  databaseUrl: process.env.DATABASE_URL || DEFAULT_GENERATOR_DATABASE_URL,
}).catch(fail);
const took = `(${(durationMs / 1000).toFixed(1)} s)`;

if (check) {
  if (sql) {
    console.error(`${display(SCHEMA)} has changes that no migration holds ${took}. Missing SQL:\n`);
    console.log(sql);
    console.error("Create the migration with: npm run db:migration -- <name>");
    process.exit(1);
  }
  console.log(`Migrations are in sync with ${display(SCHEMA)} ${took}.`);
} else if (!sql) {
  console.log(`No schema changes: ${display(SCHEMA)} matches the migrations ${took}. Nothing written.`);
} else {
  const folder = join(MIGRATIONS, await migrationFolderName(names[0]!, MIGRATIONS));
  if (existsSync(folder)) usage(`${display(folder)} already exists.`);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, "migration.sql"), sql);
  // Prisma creates this with the first migration; its CLI (and ours) refuse a folder without it.
  const lock = join(MIGRATIONS, "migration_lock.toml");
  if (!existsSync(lock)) await writeFile(lock, MIGRATION_LOCK_TOML);
  console.log(`Wrote ${display(join(folder, "migration.sql"))} ${took}:\n\n${sql}`);
}
