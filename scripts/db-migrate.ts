// `npm run db:migrate`: applies pending migrations to DATABASE_URL (the schema owner), then seals
// the free text older releases stored in clear (scripts/lib/free-text-backfill.ts), which needs
// the field keyring (FIELD_ENCRYPTION_KEYS) and so cannot be a SQL migration.
import pg from "pg";
import { parseKeyring } from "../lib/crypto/keyring";
import { backfillFreeText, validateFreeTextChecks } from "./lib/free-text-backfill";
import { MigrationError, migrate } from "./lib/migrations";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("db:migrate: DATABASE_URL is not set (it must point at the schema owner's connection).");
  process.exit(1);
}

try {
  await migrate(databaseUrl);
} catch (error) {
  if (!(error instanceof MigrationError)) throw error;
  console.error(`db:migrate: ${error.message}`);
  process.exit(1);
}

const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
try {
  const pending = await validateFreeTextChecks(client);
  if (pending.length > 0) {
    const spec = process.env.FIELD_ENCRYPTION_KEYS;
    if (!spec) {
      console.error(`db:migrate: ${pending.join(", ")} still hold free text in clear from an older release; set FIELD_ENCRYPTION_KEYS (the app's keyring) and run npm run db:migrate again to seal it.`);
      process.exit(1);
    }
    const ids = spec.split(",").map((part) => part.split(":")[0]!.trim());
    const keyring = parseKeyring(spec, process.env.FIELD_ENCRYPTION_ACTIVE_KEY || ids[ids.length - 1]!);
    const counts = await backfillFreeText(client, keyring);
    console.log(`Free text sealed: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(", ")}.`);
  }
} finally {
  await client.end();
}
