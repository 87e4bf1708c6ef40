// `npm run db:seed`: demo and reference data into DATABASE_URL (the schema owner). Idempotent,
// so `npm run dev` runs it on every start. The work is in prisma/seed/index.ts.
import { env } from "@/lib/env";
import { formatLogins } from "./seed/logins";
import { seed } from "./seed/index";

let config;
try {
  config = env();
} catch (error) {
  console.error(`db:seed: ${(error as Error).message}`);
  process.exit(1);
}
if (!config.DATABASE_URL) {
  console.error("db:seed: DATABASE_URL is not set (it must point at the schema owner's connection).");
  process.exit(1);
}

const t0 = performance.now();
console.log("▸ Seeding");
await seed(config.DATABASE_URL, { log: (line) => console.log(line) });
console.log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
console.log(`Demo logins\n${formatLogins(config.APP_HOST)}`);
