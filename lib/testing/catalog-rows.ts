import { randomBytes, randomUUID } from "node:crypto";
import type pg from "pg";

// Builds a minimal valid row for any table by reading the catalog, so the isolation test covers a
// new tenant table the day it is created, without a hand-written fixture. It fills NOT NULL
// columns that have no default, and satisfies NOT NULL foreign keys by first creating the parent
// row (in the same tenant: tenant_id is left to its default, current_setting('app.tenant_id')).
// Timestamps grow with the column's position, so `starts_at < ends_at` style checks hold.

type Column = {
  name: string;
  ordinal: number;
  notNull: boolean;
  hasDefault: boolean;
  type: string;
  typtype: string;
  category: string;
  maxLen: number | null;
  labels: string[] | null;
};

type ForeignKey = { name: string; columns: string[]; refTable: string; refColumns: string[] };

export type TableInfo = { name: string; columns: Column[]; foreignKeys: ForeignKey[] };
export type Catalog = Map<string, TableInfo>;

export async function loadCatalog(client: pg.ClientBase): Promise<Catalog> {
  const { rows: cols } = await client.query<Column & { table: string }>(`
    SELECT c.relname AS "table", a.attname::text AS name, a.attnum AS ordinal, a.attnotnull AS "notNull",
           (a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '') AS "hasDefault",
           format_type(a.atttypid, a.atttypmod) AS type, t.typtype::text AS typtype,
           t.typcategory::text AS category,
           CASE WHEN t.typname IN ('varchar', 'bpchar') AND a.atttypmod > 4 THEN a.atttypmod - 4 END AS "maxLen",
           CASE WHEN t.typtype = 'e' THEN (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
                                            FROM pg_enum e WHERE e.enumtypid = t.oid) END AS labels
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      JOIN pg_type t ON t.oid = a.atttypid
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
     ORDER BY c.relname, a.attnum`);
  const { rows: fks } = await client.query<ForeignKey & { table: string }>(`
    SELECT con.conname::text AS name, cl.relname::text AS "table", rf.relname::text AS "refTable",
           array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
           array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
                   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i) AS "refColumns"
      FROM pg_constraint con
      JOIN pg_class cl ON cl.oid = con.conrelid
      JOIN pg_class rf ON rf.oid = con.confrelid
      JOIN pg_namespace n ON n.oid = cl.relnamespace
     WHERE con.contype = 'f' AND n.nspname = 'public'`);
  const catalog: Catalog = new Map();
  for (const { table, ...column } of cols) {
    const info = catalog.get(table) ?? { name: table, columns: [], foreignKeys: [] };
    info.columns.push(column);
    catalog.set(table, info);
  }
  for (const { table, ...fk } of fks) catalog.get(table)?.foreignKeys.push(fk);
  return catalog;
}

export const hasTenantColumn = (t: TableInfo) => t.columns.some((c) => c.name === "tenant_id");

const BASE_TIME = Date.UTC(2031, 0, 6, 9, 0, 0);

function valueFor(table: string, c: Column): unknown {
  if (c.typtype === "e") return c.labels![0];
  if (c.category === "A") return "{}";
  if (c.maxLen !== null) {
    const text = randomBytes(Math.ceil(c.maxLen / 2)).toString("hex").slice(0, Math.min(c.maxLen, 16));
    return c.type.startsWith("character(") ? text.padEnd(c.maxLen, "0") : text;
  }
  switch (c.type.replace(/\(\d+(,\d+)?\)/, "")) {
    case "uuid": return randomUUID();
    case "text": case "character varying": return `${c.name}-${randomBytes(4).toString("hex")}`;
    case "smallint": case "integer": case "bigint": case "numeric": return 1 + c.ordinal;
    case "boolean": return false;
    case "jsonb": case "json": return "{}";
    case "date": return new Date(BASE_TIME + c.ordinal * 86_400_000).toISOString().slice(0, 10);
    case "timestamp with time zone": case "timestamp without time zone":
      return new Date(BASE_TIME + c.ordinal * 3_600_000).toISOString();
  }
  throw new Error(`catalog-rows: no generator for ${table}.${c.name} (${c.type}); add one`);
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * A row of a loaded reference table (no tenant_id: CID-10, catalogues), so that tests which need
 * a parent there do not add made-up codes to the official data other tests count and search.
 */
async function existingReferenceRow(client: pg.ClientBase, catalog: Catalog, table: string): Promise<Record<string, unknown> | null> {
  const info = catalog.get(table);
  if (!info || hasTenantColumn(info)) return null;
  const { rows } = await client.query<{ json: string }>(`SELECT row_to_json(x)::text AS json FROM ${quote(table)} x LIMIT 1`);
  return rows[0] ? (JSON.parse(rows[0].json) as Record<string, unknown>) : null;
}

/**
 * Inserts one minimal row into `table` (and whatever parents its NOT NULL foreign keys need) on
 * `client`, which must be the owner inside a transaction with app.tenant_id set for tenant rows.
 * Returns the row as JSON (text columns, uuids and numbers as JSON values).
 */
export async function insertMinimalRow(
  client: pg.ClientBase,
  catalog: Catalog,
  table: string,
  depth = 0,
): Promise<Record<string, unknown>> {
  const info = catalog.get(table);
  if (!info) throw new Error(`catalog-rows: unknown table ${table}`);
  if (depth > 8) throw new Error(`catalog-rows: foreign keys nest too deep at ${table}`);
  const values = new Map<string, unknown>();
  for (const fk of info.foreignKeys) {
    const own = fk.columns.filter((name) => name !== "tenant_id");
    const required = own.some((name) => info.columns.find((c) => c.name === name)?.notNull);
    if (!required || fk.refTable === table) continue;
    const parent = await existingReferenceRow(client, catalog, fk.refTable) ?? await insertMinimalRow(client, catalog, fk.refTable, depth + 1);
    fk.columns.forEach((name, i) => {
      if (name !== "tenant_id") values.set(name, parent[fk.refColumns[i]!]);
    });
  }
  for (const c of info.columns) {
    if (c.notNull && !c.hasDefault && !values.has(c.name)) values.set(c.name, valueFor(table, c));
  }
  const names = [...values.keys()];
  const types = new Map(info.columns.map((c) => [c.name, c.type]));
  const sql = names.length === 0
    ? `INSERT INTO ${quote(table)} AS x DEFAULT VALUES RETURNING row_to_json(x)::text AS json`
    : `INSERT INTO ${quote(table)} AS x (${names.map(quote).join(", ")})
       VALUES (${names.map((n, i) => `$${i + 1}::${types.get(n)}`).join(", ")})
       RETURNING row_to_json(x)::text AS json`;
  const { rows } = await client.query<{ json: string }>(sql, [...values.values()]);
  return JSON.parse(rows[0]!.json) as Record<string, unknown>;
}

/** Owner transaction scoped to one tenant, committed at the end (the rows are for the test). */
export async function insertRowsForTenant(
  client: pg.ClientBase,
  catalog: Catalog,
  tenantId: string,
  table: string,
): Promise<Record<string, unknown>> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
    const row = await insertMinimalRow(client, catalog, table);
    await client.query("COMMIT");
    return row;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}
