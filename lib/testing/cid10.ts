import { env } from "@/lib/env";
import { createSeedClient } from "@/prisma/seed/db";
import { seedCid10 } from "@/prisma/seed/cid10";

// The complete official CID-10 table in the test database, loaded by the seed's own loader as
// the owner (the app role may not write reference data). Idempotent: the seed skips a loaded table.

let ready: Promise<void> | undefined;

export function ensureCid10(): Promise<void> {
  ready ??= (async () => {
    const db = createSeedClient(env().DATABASE_URL!);
    try {
      await seedCid10(db);
    } finally {
      await db.$disconnect();
    }
  })().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}
