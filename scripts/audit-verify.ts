import pg from "pg";
import { verifyAuditChain } from "@/lib/audit/verify";

// npm run audit:verify -- --tenant <slug>
// Exit 0 when the chain holds, 1 naming the first broken row, 2 on bad usage.

const REASONS = {
  content_changed: "its content no longer matches its hash (edited)",
  link_broken: "its prev_hash does not match the row before it (a row was removed or altered)",
  sequence_gap: "the sequence skips here (a row before it was removed)",
} as const;

async function main() {
  const at = process.argv.indexOf("--tenant");
  const slug = at > 0 ? process.argv[at + 1] : undefined;
  if (!slug) {
    console.error("usage: npm run audit:verify -- --tenant <slug>");
    process.exit(2);
  }
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL (the owner connection) is not set.");
    process.exit(2);
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tenant = await client.query<{ id: string; name: string }>("SELECT id, name FROM tenants WHERE slug = $1", [slug]);
    const row = tenant.rows[0];
    if (!row) {
      console.error(`No tenant with slug "${slug}".`);
      process.exit(2);
    }
    const result = await verifyAuditChain(client, row.id);
    if (result.firstBreak) {
      const b = result.firstBreak;
      console.error(`Audit chain of "${slug}" is BROKEN at seq ${b.seq} (id ${b.id}): ${REASONS[b.reason]}.`);
      process.exitCode = 1;
    } else {
      console.log(`Audit chain of "${slug}" (${row.name}) verified: ${result.rows} rows, intact.`);
    }
  } finally {
    await client.end();
  }
}

await main();
