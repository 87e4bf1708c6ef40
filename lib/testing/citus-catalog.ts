import type pg from "pg";

// Reads, from PostgreSQL's own catalog, what Citus checks when `create_distributed_table` and
// `create_reference_table` run, and names every object that would make them fail (or make a
// distributed table unsafe). Used by lib/db/citus-readiness.int.test.ts; docs/scaling.md holds
// the calls themselves.

export type ReadinessPolicy = {
  /** Global tables that docs/scaling.md gives to create_reference_table. */
  reference: readonly string[];
  /** Tables that stay on the coordinator as plain local tables (migration bookkeeping, platform logs). */
  local: readonly string[];
  /** Tenant tables whose primary key is converted in another branch (see the test). */
  pendingPrimaryKey: readonly string[];
};

type Table = { name: string; tenant: boolean; tenantNotNull: boolean };
type Key = { table: string; name: string; kind: "p" | "u" | "x"; cols: string[]; ops: string[] };
type Fk = { table: string; name: string; target: string; cols: string[]; targetCols: string[] };

export type Catalog = { tables: Table[]; keys: Key[]; fks: Fk[] };

export async function loadCitusCatalog(c: pg.ClientBase): Promise<Catalog> {
  const tables = (await c.query<Table>(`
    SELECT c.relname AS name, a.attnum IS NOT NULL AS tenant, coalesce(a.attnotnull, false) AS "tenantNotNull"
      FROM pg_class c
      LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
     ORDER BY 1`)).rows;
  // Unique indexes (primary keys, UNIQUE constraints and bare unique indexes, partial ones
  // included: Citus refuses all of them without the distribution column) and exclusion
  // constraints, with their key columns (INCLUDE columns do not count) and operators.
  const keys = (await c.query<Key>(`
    SELECT t.relname AS table, i.relname AS name,
           CASE WHEN x.indisprimary THEN 'p' WHEN con.contype = 'x' THEN 'x' ELSE 'u' END AS kind,
           array(SELECT coalesce(a.attname::text, '(expression)') FROM generate_series(0, x.indnkeyatts - 1) g
                   LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[g] ORDER BY g) AS cols,
           array(SELECT o.oprname::text FROM unnest(coalesce(con.conexclop, '{}')) WITH ORDINALITY e(op, n)
                   JOIN pg_operator o ON o.oid = e.op ORDER BY e.n) AS ops
      FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_class t ON t.oid = x.indrelid
      LEFT JOIN pg_constraint con ON con.conindid = x.indexrelid AND con.contype = 'x'
     WHERE t.relnamespace = 'public'::regnamespace AND (x.indisunique OR con.contype = 'x')
     ORDER BY 1, 2`)).rows;
  const fks = (await c.query<Fk>(`
    SELECT c.conrelid::regclass::text AS table, c.conname AS name, c.confrelid::regclass::text AS target,
           array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS cols,
           array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS "targetCols"
      FROM pg_constraint c
     WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
     ORDER BY 1, 2`)).rows;
  return { tables, keys, fks };
}

const hasTenantEquality = (k: Key) =>
  k.kind === "x" ? k.cols.some((col, i) => col === "tenant_id" && k.ops[i] === "=") : k.cols.includes("tenant_id");

/** Every reason the schema cannot be distributed by tenant_id as docs/scaling.md says. Empty: ready. */
export function readinessProblems(catalog: Catalog, policy: ReadinessPolicy): string[] {
  const problems: string[] = [];
  const byName = new Map(catalog.tables.map((t) => [t.name, t]));
  const isTenant = (name: string) => byName.get(name)?.tenant === true;
  const global = new Set([...policy.reference, ...policy.local]);

  for (const t of catalog.tables) {
    if (t.tenant && global.has(t.name)) problems.push(`${t.name}: has tenant_id but is listed as a global table`);
    if (!t.tenant && !global.has(t.name)) {
      problems.push(`${t.name}: neither a tenant table (no tenant_id) nor a listed reference table`);
    }
    if (t.tenant && !t.tenantNotNull) problems.push(`${t.name}: tenant_id may be NULL (a distribution column cannot be)`);
  }
  for (const name of [...global, ...policy.pendingPrimaryKey]) {
    if (!byName.has(name)) problems.push(`${name}: listed in the policy but no such table`);
  }

  for (const k of catalog.keys.filter((key) => isTenant(key.table))) {
    if (hasTenantEquality(k)) continue;
    const exempt = k.kind === "p" && policy.pendingPrimaryKey.includes(k.table);
    if (!exempt) problems.push(`${k.table}: ${k.name} (${k.cols.join(", ")}) does not include tenant_id`);
  }
  for (const table of policy.pendingPrimaryKey) {
    const pk = catalog.keys.find((k) => k.table === table && k.kind === "p");
    if (pk && hasTenantEquality(pk)) problems.push(`${table}: primary key includes tenant_id now; remove the exemption`);
  }
  for (const t of catalog.tables.filter((table) => table.tenant)) {
    if (!catalog.keys.some((k) => k.table === t.name && k.kind === "p")) problems.push(`${t.name}: no primary key`);
  }

  for (const fk of catalog.fks) {
    const from = isTenant(fk.table);
    const to = isTenant(fk.target);
    if (!from && to) problems.push(`${fk.table}: ${fk.name} points from a reference table at tenant table ${fk.target}`);
    if (!from || !to) continue;
    const paired = fk.cols.some((col, i) => col === "tenant_id" && fk.targetCols[i] === "tenant_id");
    if (!paired) problems.push(`${fk.table}: ${fk.name} (${fk.cols.join(", ")}) → ${fk.target}(${fk.targetCols.join(", ")}) does not pair tenant_id`);
  }
  return problems;
}

/** Foreign keys whose target is created after the referencing table in the given call order. */
export function orderProblems(catalog: Catalog, order: readonly string[]): string[] {
  const position = new Map(order.map((t, i) => [t, i]));
  return catalog.fks.flatMap((fk) => {
    const from = position.get(fk.table);
    const to = position.get(fk.target);
    if (from === undefined || to === undefined || fk.table === fk.target || to < from) return [];
    return [`${fk.table} is distributed before ${fk.target}, which its ${fk.name} references`];
  });
}
