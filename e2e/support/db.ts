import pg from "pg";
import { e2eEnv } from "./state";

// Direct reads of the e2e database as its owner (row-level security does not apply), so a spec
// can say what the app stored or prove that nothing changed. One short connection per query.

export async function ownerQuery<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: e2eEnv().DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function tenantId(slug: string): Promise<string> {
  const [row] = await ownerQuery<{ id: string }>("SELECT id FROM tenants WHERE slug = $1", [slug]);
  if (!row) throw new Error(`no tenant ${slug}`);
  return row.id;
}

/** Rows in every table of the public schema, to show a request changed nothing anywhere. */
export async function rowCounts(tables: string[]): Promise<Record<string, number>> {
  const sql = tables.map((t, i) => `SELECT $${i + 1}::text AS t, count(*)::int AS n FROM "${t}"`).join(" UNION ALL ");
  const rows = await ownerQuery<{ t: string; n: number }>(sql, tables);
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}
