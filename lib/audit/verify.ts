import type pg from "pg";

// Walks a tenant's audit chain in the database, recomputing each row's hash with the same SQL
// function the insert trigger used, and reports the first row that does not hold.

export type ChainBreak = {
  seq: string;
  id: string;
  reason: "content_changed" | "link_broken" | "sequence_gap";
};

export type VerifyResult = { rows: number; firstBreak: ChainBreak | null };

const GENESIS = "0".repeat(64);

export async function verifyAuditChain(client: pg.ClientBase, tenantId: string): Promise<VerifyResult> {
  await client.query("BEGIN READ ONLY");
  try {
    // The owner may itself be subject to FORCE'd row-level security: scope to the tenant.
    await client.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
    const { rows } = await client.query<{ id: string; seq: string; prev_hash: string; hash: string; recomputed: string }>(
      `SELECT id, seq::text, prev_hash, hash, audit_row_hash(a) AS recomputed
         FROM audit_logs a WHERE tenant_id = $1 ORDER BY a.seq`,
      [tenantId],
    );
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
  } finally {
    await client.query("ROLLBACK");
  }
}
