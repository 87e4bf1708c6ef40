import { env } from "@/lib/env";
import { createSeedClient } from "@/prisma/seed/db";
import { seedDrugCatalogue } from "@/prisma/seed/drugs";

// The curated drug catalogue in the test database, loaded by the seed's own loader as the owner
// (the app role may not write reference data). Idempotent and serialised in the database, so
// test files running in parallel workers may all call it.

let ready: Promise<void> | undefined;

export function ensureDrugCatalogue(): Promise<void> {
  ready ??= (async () => {
    const db = createSeedClient(env().DATABASE_URL!);
    try {
      await seedDrugCatalogue(db);
    } finally {
      await db.$disconnect();
    }
  })().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}
