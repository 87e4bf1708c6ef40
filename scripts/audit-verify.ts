import pg from "pg";
import { verifyAuditChain, verifyPlatformAuditChain, type VerifyResult } from "@/lib/audit/verify";

// npm run audit:verify -- --tenant <slug>    one clinic's chain (audit_logs)
// npm run audit:verify -- --platform         the platform's chain (platform_audit_logs)
// Exit 0 when the chain holds, 1 naming the first broken row, 2 on bad usage.

const REASONS = {
  content_changed: "its content no longer matches its hash (edited)",
  link_broken: "its prev_hash does not match the row before it (a row was removed or altered)",
  sequence_gap: "the sequence skips here (a row before it was removed)",
} as const;

const USAGE = "usage: npm run audit:verify -- --tenant <slug> | --platform";

type Target = { label: string; verify: (client: pg.Client) => Promise<VerifyResult> };

async function targetOf(client: pg.Client): Promise<Target> {
  if (process.argv.includes("--platform")) return { label: "the platform", verify: verifyPlatformAuditChain };
  const at = process.argv.indexOf("--tenant");
  const slug = at > 0 ? process.argv[at + 1] : undefined;
  if (!slug) {
    console.error(USAGE);
    process.exit(2);
  }
  const tenant = await client.query<{ id: string; name: string }>("SELECT id, name FROM tenants WHERE slug = $1", [slug]);
  const row = tenant.rows[0];
  if (!row) {
    console.error(`No tenant with slug "${slug}".`);
    process.exit(2);
  }
  return { label: `"${slug}" (${row.name})`, verify: (c) => verifyAuditChain(c, row.id) };
}

async function main() {
  if (!process.argv.includes("--platform") && !process.argv.includes("--tenant")) {
    console.error(USAGE);
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
    const target = await targetOf(client);
    const result = await target.verify(client);
    if (result.firstBreak) {
      const b = result.firstBreak;
      console.error(`Audit chain of ${target.label} is BROKEN at seq ${b.seq} (id ${b.id}): ${REASONS[b.reason]}.`);
      process.exitCode = 1;
    } else {
      console.log(`Audit chain of ${target.label} verified: ${result.rows} rows, intact.`);
    }
  } finally {
    await client.end();
  }
}

await main();
