import { execFileSync } from "node:child_process";
import pg from "pg";

// What an attacker holding a plain dump of the database would read, for tests that prove a value
// is not stored in clear. pg_dump is used when one on the PATH can dump this server (pg_dump
// refuses a server of a newer major version: Debian 12 ships pg_dump 15, the embedded test server
// is PostgreSQL 17). Otherwise every row of every table is read as the server's own text form of
// the row, which is what `pg_dump --data-only` writes, less the COPY framing.

export type DumpOptions = {
  /** Only these tables (data only). */
  tables?: string[];
  /** Leave these tables' data out (public reference data that shares words with clinical text). */
  excludeData?: string[];
};

function pgDumpMajor(): number | null {
  try {
    const out = execFileSync("pg_dump", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const m = /(\d+)(?:\.\d+)?/.exec(out);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

async function serverMajor(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ v: string }>("SHOW server_version_num");
  return Math.floor(Number(rows[0]!.v) / 10000);
}

async function rowsAsText(client: pg.Client, opts: DumpOptions): Promise<string> {
  const { rows } = await client.query<{ s: string; t: string }>(
    `SELECT schemaname AS s, tablename AS t FROM pg_tables
      WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const parts: string[] = [];
  for (const { s, t } of rows) {
    if (opts.tables && !opts.tables.includes(t)) continue;
    if (opts.excludeData?.includes(t)) continue;
    const ident = `"${s.replace(/"/g, '""')}"."${t.replace(/"/g, '""')}"`;
    const res = await client.query<{ r: string }>(`SELECT x::text AS r FROM ${ident} x`);
    parts.push(`-- ${s}.${t}`, ...res.rows.map((r) => r.r));
  }
  return parts.join("\n");
}

/** The database's contents as text, as a dump would show them. `url` is an owner connection. */
export async function dumpDatabase(url: string, opts: DumpOptions = {}): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const dumpMajor = pgDumpMajor();
    if (dumpMajor !== null && dumpMajor >= (await serverMajor(client))) {
      const scope = opts.tables
        ? ["--data-only", ...opts.tables.flatMap((t) => ["-t", t])]
        : (opts.excludeData ?? []).map((t) => `--exclude-table-data=${t}`);
      return execFileSync("pg_dump", ["--no-owner", ...scope, url], { encoding: "utf8", maxBuffer: 1 << 30 });
    }
    return await rowsAsText(client, opts);
  } finally {
    await client.end();
  }
}
