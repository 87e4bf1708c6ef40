// Integration tests for the migration runner, against the test server (lib/testing/test-env.ts).
// Each test gets a fresh database with a random name and tiny fake migrations in a temp dir.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_SERVER_URL } from "../../lib/testing/test-env";
import { migrate, MigrationError } from "./migrations";

const ADMIN_URL = TEST_SERVER_URL;

let dbName: string;
let dbUrl: string;
let dir: string;
const roles: string[] = [];
const silent = () => {};

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function writeMigration(name: string, sql: string): Promise<string> {
  await mkdir(join(dir, name), { recursive: true });
  const path = join(dir, name, "migration.sql");
  await writeFile(path, sql);
  return path;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const run = () => migrate(dbUrl, { migrationsDir: dir, log: silent });

beforeEach(async () => {
  dbName = `migtest_${randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE ${dbName}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  dbUrl = url.toString();
  dir = await mkdtemp(join(tmpdir(), "migtest-"));
});

afterEach(async () => {
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    for (const role of roles.splice(0)) await c.query(`DROP ROLE IF EXISTS ${role}`);
  });
  await rm(dir, { recursive: true, force: true });
});

describe("migrate", () => {
  it("applies migrations in name order and records them as Prisma does", async () => {
    // Written out of order on purpose; the second depends on the first.
    const second = "INSERT INTO items (name) VALUES ('a');\r\nINSERT INTO items (name) VALUES ('b');\r\n";
    await writeMigration("20250101000001_seed", second);
    const first = "CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL);\n";
    await writeMigration("20250101000000_init", first);
    // A function body full of semicolons must reach the server as one statement.
    const third = `CREATE FUNCTION item_count() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
  SELECT count(*) INTO n FROM items;
  RETURN n;
END;
$$;
`;
    await writeMigration("20250101000002_fn", third);

    const result = await run();

    expect(result.applied).toEqual(["20250101000000_init", "20250101000001_seed", "20250101000002_fn"]);
    expect(await query("SELECT item_count()::int AS n")).toEqual([{ n: 2 }]);
    const rows = await query(
      `SELECT id, checksum, migration_name, logs, rolled_back_at, finished_at, started_at, applied_steps_count
       FROM _prisma_migrations ORDER BY started_at`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(result.applied);
    expect(rows.map((r) => r.checksum)).toEqual([sha256(first), sha256(second), sha256(third)]);
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row).toMatchObject({ logs: null, rolled_back_at: null, applied_steps_count: 1 });
    }
    // Same columns, types and nullability as the table Prisma's schema engine creates.
    const columns = await query(
      `SELECT column_name, data_type, character_maximum_length AS len, is_nullable, column_default
       FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", len: 36, is_nullable: "NO", column_default: null },
      { column_name: "checksum", data_type: "character varying", len: 64, is_nullable: "NO", column_default: null },
      { column_name: "finished_at", data_type: "timestamp with time zone", len: null, is_nullable: "YES", column_default: null },
      { column_name: "migration_name", data_type: "character varying", len: 255, is_nullable: "NO", column_default: null },
      { column_name: "logs", data_type: "text", len: null, is_nullable: "YES", column_default: null },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", len: null, is_nullable: "YES", column_default: null },
      { column_name: "started_at", data_type: "timestamp with time zone", len: null, is_nullable: "NO", column_default: "now()" },
      { column_name: "applied_steps_count", data_type: "integer", len: null, is_nullable: "NO", column_default: "0" },
    ]);
  });

  it("applies nothing on a second run", async () => {
    await writeMigration("20250101000000_init", "CREATE TABLE t (id int);");
    expect((await run()).applied).toEqual(["20250101000000_init"]);

    expect((await run()).applied).toEqual([]);
    expect(await query("SELECT count(*)::int AS n FROM _prisma_migrations")).toEqual([{ n: 1 }]);
  });

  it("refuses an applied migration whose file changed, naming it", async () => {
    const path = await writeMigration("20250101000000_init", "CREATE TABLE t (id int);\n");
    await run();
    await writeFile(path, "CREATE TABLE t (id bigint);\n");
    await writeMigration("20250101000001_next", "CREATE TABLE u (id int);");

    const error = await run().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toContain("20250101000000_init");
    expect((error as Error).message).toMatch(/modified/);
    expect(await query("SELECT to_regclass('u') AS u")).toEqual([{ u: null }]);
  });

  it("accepts an applied migration whose only change is its line endings (git checkout)", async () => {
    const path = await writeMigration("20250101000000_init", "CREATE TABLE t (id int);\nCREATE TABLE u (id int);\n");
    await run();
    await writeFile(path, "CREATE TABLE t (id int);\r\nCREATE TABLE u (id int);\r\n");

    expect((await run()).applied).toEqual([]);
  });

  it("records a failed migration, rolls back its statements and refuses to continue until resolved", async () => {
    await writeMigration("20250101000000_init", "CREATE TABLE t (id int);");
    const broken = await writeMigration("20250101000001_broken", "CREATE TABLE half (id int);\nSELECT 1/0;");
    await writeMigration("20250101000002_after", "CREATE TABLE after (id int);");

    const first = await run().catch((e: unknown) => e);

    expect(first).toBeInstanceOf(MigrationError);
    expect((first as Error).message).toContain("20250101000001_broken");
    expect((first as Error).message).toContain("division by zero");
    const failed = await query(
      "SELECT finished_at, rolled_back_at, logs, applied_steps_count FROM _prisma_migrations WHERE migration_name = $1",
      ["20250101000001_broken"],
    );
    expect(failed).toEqual([
      { finished_at: null, rolled_back_at: null, logs: expect.stringContaining("division by zero"), applied_steps_count: 0 },
    ]);
    // One implicit transaction per file: the statement before the error was rolled back too.
    expect(await query("SELECT to_regclass('half') AS half, to_regclass('after') AS after")).toEqual([
      { half: null, after: null },
    ]);

    // Fixing the file is not enough: the failure must be resolved first.
    await writeFile(broken, "CREATE TABLE half (id int);");
    const second = await run().catch((e: unknown) => e);
    expect(second).toBeInstanceOf(MigrationError);
    expect((second as Error).message).toContain("20250101000001_broken");
    expect((second as Error).message).toMatch(/failed/);

    // Resolving it as `prisma migrate resolve --rolled-back` does lets the next run retry it.
    await query("UPDATE _prisma_migrations SET rolled_back_at = now() WHERE finished_at IS NULL");
    expect((await run()).applied).toEqual(["20250101000001_broken", "20250101000002_after"]);
  });

  it("applies each migration once when two runs start together", async () => {
    await writeMigration("20250101000000_init", "CREATE TABLE hits (n int); SELECT pg_sleep(0.3);");
    await writeMigration("20250101000001_hit", "INSERT INTO hits VALUES (1); SELECT pg_sleep(0.2);");
    await writeMigration("20250101000002_hit", "INSERT INTO hits VALUES (2);");

    const [a, b] = await Promise.all([run(), run()]);

    expect([...a.applied, ...b.applied].sort()).toEqual([
      "20250101000000_init",
      "20250101000001_hit",
      "20250101000002_hit",
    ]);
    // One run did everything; the other waited on the advisory lock and found nothing to do.
    expect([a.applied.length, b.applied.length].sort()).toEqual([0, 3]);
    expect(await query("SELECT n FROM hits ORDER BY n")).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await query("SELECT count(*)::int AS n FROM _prisma_migrations")).toEqual([{ n: 3 }]);
  });

  it("gives the app role LOGIN and its password after migrating", async () => {
    const role = `migtest_app_${randomBytes(4).toString("hex")}`;
    roles.push(role);
    await writeMigration("20250101000000_role", `CREATE ROLE ${role} NOLOGIN;`);

    await migrate(dbUrl, { migrationsDir: dir, log: silent, appRole: role, appRolePassword: "it's s3cret" });

    const [row] = await admin(
      async (c) =>
        (await c.query("SELECT rolcanlogin, rolpassword IS NOT NULL AS has_password FROM pg_authid WHERE rolname = $1", [role]))
          .rows,
    );
    expect(row).toEqual({ rolcanlogin: true, has_password: true });
  });

  it("skips the app role step silently when the role does not exist", async () => {
    await writeMigration("20250101000000_init", "CREATE TABLE t (id int);");
    const lines: string[] = [];

    await migrate(dbUrl, { migrationsDir: dir, log: (l) => lines.push(l), appRole: "migtest_no_such_role" });

    expect(lines.join("\n")).not.toMatch(/migtest_no_such_role/);
  });
});
