// Driver adapter factory for Prisma 6.19's WebAssembly schema engine (`engine: "js"`).
//
// It wraps @prisma/adapter-pg 6.19.3 to work around the problems that make the stock
// factory fail or leak when it generates migrations (see shared/notes/prisma-offline.md):
//  1. adapter-pg cannot map the PostgreSQL catalog types the engine's introspection returns:
//     `name` (OID 19) fails with "Column type 'name' could not be deserialized"; we report it
//     as `text`. `"char"` (OID 18: pg_constraint.contype, confdeltype, …) must reach the engine
//     as a Character column: as text, the engine panics ("RuntimeError: unreachable") as soon as
//     a table has a CHECK constraint or a foreign key. See markCharColumns below.
//  2. The shadow database must be a separate database on the same server: we always hand pg
//     discrete connection fields, because a connection string would override `database`.
//  3. The stock shadow adapter drops its database while its own pool is still connected (the
//     DROP fails and the database leaks); we close the pool first, then DROP … WITH (FORCE).
// (The engine replays each migration file as one parameterless `executeRaw`, i.e. one
// simple-protocol query, so `$$ … ; … $$` function bodies survive the replay.)
import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";
import { SHADOW_DB_PREFIX } from "./shadow";

// pg_type OIDs.
const OID = { CHAR: 18, NAME: 19, TEXT: 25, CHAR_ARRAY: 1002, TEXT_ARRAY: 1009 } as const;
// @prisma/driver-adapter-utils ColumnTypeEnum values (not a direct dependency, hence literals).
const COLUMN_TYPE = { Character: 6, CharacterArray: 70 } as const;

type QueryResultLike = { fields?: Array<{ dataTypeID: number }> };

/**
 * adapter-pg maps OIDs to column types with a private switch that has no scalar → Character
 * case, so `"char"` columns are tagged with the only OID that maps to a unique column type,
 * CHAR_ARRAY (→ CharacterArray), and restoreCharColumns turns that back into Character. Real
 * `"char"[]` columns (which the engine never selects) are reported as text[] to keep the tag
 * unambiguous. Values are untouched: pg already parsed them to strings with the real OID.
 */
function markCharColumns<T>(result: T): T {
  // Multi-statement simple queries resolve to an array of results.
  const results = (Array.isArray(result) ? result : [result]) as QueryResultLike[];
  for (const r of results) {
    for (const field of r.fields ?? []) {
      if (field.dataTypeID === OID.NAME) field.dataTypeID = OID.TEXT;
      else if (field.dataTypeID === OID.CHAR_ARRAY) field.dataTypeID = OID.TEXT_ARRAY;
      else if (field.dataTypeID === OID.CHAR) field.dataTypeID = OID.CHAR_ARRAY;
    }
  }
  return result;
}

/** A pg.Pool whose results describe catalog `name`/`"char"` columns in terms adapter-pg maps. */
class CatalogSafePool extends pg.Pool {
  // pg.Pool#query has many overloads; the adapter only uses the promise forms, so we patch
  // those and pass callback forms through untouched.
  override query(...args: unknown[]): never {
    const query = super.query as (...a: unknown[]) => unknown;
    const out = query.apply(this, args);
    if (out instanceof Promise) return out.then(markCharColumns) as never;
    return out as never;
  }
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type Queryable = Pick<Adapter, "queryRaw">;

/** Second half of markCharColumns: the tagged columns become Character columns. */
function restoreCharColumns<Q extends Queryable>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    const types = result.columnTypes as number[];
    types.forEach((type, i) => {
      if (type === COLUMN_TYPE.CharacterArray) types[i] = COLUMN_TYPE.Character;
    });
    return result;
  };
  return queryable;
}

function connectAdapter(config: pg.PoolConfig, onDispose?: () => Promise<void>): Promise<Adapter> {
  // The CLI never disposes the main adapter: without allowExitOnIdle the process would wait for
  // pg's 10 s idle timeout after printing the diff.
  const pool = new CatalogSafePool({ ...config, max: 4, allowExitOnIdle: true });
  // disposeExternalPool: the adapter ends our pool on dispose, before onDispose runs.
  const factory = new PrismaPg(pool, { disposeExternalPool: true });
  return factory.connect().then((adapter) => {
    restoreCharColumns(adapter);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...args) => restoreCharColumns(await startTransaction(...args));
    if (onDispose) {
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await onDispose();
      };
    }
    return adapter;
  });
}

/** Runs one statement on a short-lived connection to the main database (CREATE/DROP DATABASE). */
async function runAdminStatement(config: pg.ClientConfig, sql: string): Promise<void> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Builds the factory Prisma's config `adapter` option expects. The database named in
 * `databaseUrl` must exist; its role needs CREATEDB for the shadow databases. `runId` goes into
 * every shadow database name so the caller can drop whatever a crashed engine left behind.
 */
export function createMigrateAdapterFactory(
  databaseUrl: string,
  runId: string,
): Pick<PrismaPg, "provider" | "adapterName" | "connect" | "connectToShadowDb"> {
  // Discrete fields only (problem 2): never pass `connectionString` to pg here.
  const base = parseIntoClientConfig(databaseUrl) as pg.ClientConfig;
  const reference = new PrismaPg(base);

  return {
    provider: reference.provider,
    adapterName: reference.adapterName,
    connect: () => connectAdapter(base),
    async connectToShadowDb(): Promise<Adapter> {
      // Random suffix, so parallel runs (or a leaked database from a killed run) never collide.
      const database = `${SHADOW_DB_PREFIX}${runId}_${randomBytes(4).toString("hex")}`;
      await runAdminStatement(base, `CREATE DATABASE ${pg.escapeIdentifier(database)}`);
      // Problem 3: the pool is closed by the adapter's dispose before this DROP runs;
      // FORCE (PostgreSQL 13+) also ends any connection the engine left behind.
      return connectAdapter({ ...base, database }, () =>
        runAdminStatement(base, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`),
      );
    },
  };
}
