import type pg from "pg";

// Walks an audit chain in the database, recomputing each row's hash with the same SQL function
// the insert trigger used, and reports the first row that does not hold. There is one chain per
// clinic (audit_logs) and one for the platform (platform_audit_logs); audit_row_hash has one
// overload per table with the same canonical form.

export type ChainBreak = {
  seq: string;
  id: string;
  reason: "content_changed" | "link_broken" | "sequence_gap";
};

export type VerifyResult = { rows: number; firstBreak: ChainBreak | null };

type ChainRow = { id: string; seq: string; prev_hash: string; hash: string; recomputed: string };

const GENESIS = "0".repeat(64);

/** One clinic's chain. */
export async function verifyAuditChain(client: pg.ClientBase, tenantId: string): Promise<VerifyResult> {
  return readOnly(client, async () => {
    // The owner may itself be subject to FORCE'd row-level security: scope to the tenant.
    await client.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
    const { rows } = await client.query<ChainRow>(
      `SELECT id, seq::text, prev_hash, hash, audit_row_hash(a) AS recomputed
         FROM audit_logs a WHERE tenant_id = $1 ORDER BY a.seq`,
      [tenantId],
    );
    return walk(rows);
  });
}

/** The platform's chain (super admins' sign-ins, their second factor, the seed). */
export async function verifyPlatformAuditChain(client: pg.ClientBase): Promise<VerifyResult> {
  return readOnly(client, async () => {
    await client.query("SELECT set_config('app.platform', 'on', true), set_config('app.tenant_id', '', true)");
    const { rows } = await client.query<ChainRow>(
      "SELECT id, seq::text, prev_hash, hash, audit_row_hash(a) AS recomputed FROM platform_audit_logs a ORDER BY a.seq",
    );
    return walk(rows);
  });
}

async function readOnly<T>(client: pg.ClientBase, fn: () => Promise<T>): Promise<T> {
  await client.query("BEGIN READ ONLY");
  try {
    return await fn();
  } finally {
    await client.query("ROLLBACK");
  }
}

function walk(rows: ChainRow[]): VerifyResult {
  let expectedPrev = GENESIS;
  let expectedSeq = 1n;
  for (const row of rows) {
    const broken = (reason: ChainBreak["reason"]) => ({ rows: rows.length, firstBreak: { seq: row.seq, id: row.id, reason } });
    if (BigInt(row.seq) !== expectedSeq) return broken("sequence_gap");
    if (row.prev_hash !== expectedPrev) return broken("link_broken");
    if (row.recomputed !== row.hash) return broken("content_changed");
    expectedPrev = row.hash;
    expectedSeq += 1n;
  }
  return { rows: rows.length, firstBreak: null };
}
