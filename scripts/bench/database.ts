import { adminQuery, databaseEnv, freshDatabaseName, testSecrets } from "../../lib/testing/test-env";
import { createSeedClient } from "../../prisma/seed/db";
import { seedReference } from "../../prisma/seed/reference";
import { migrate } from "../lib/migrations";

// The database every benchmark runs on: its own, created fresh on the tests' PostgreSQL (never
// the development database), migrated and given the reference seed (roles and permissions), and
// dropped at the end unless asked to keep it.

export type BenchDatabase = { name: string; ownerUrl: string; env: NodeJS.ProcessEnv };

/** A fresh database name and the server's environment for it; the seed uses the same keys. */
export function benchDatabase(prefix: string, port: number): BenchDatabase {
  const name = freshDatabaseName(prefix);
  const database = databaseEnv(name);
  const env = { ...process.env, ...testSecrets(), ...database, APP_HOST: `localhost:${port}` };
  // The seed seals fields with the same keys the server will open them with.
  Object.assign(process.env, env);
  return { name, ownerUrl: database.DATABASE_URL, env };
}

/** Creates, migrates and seeds the reference data, runs `fn`, then drops the database (unless `keep`). */
export async function withBenchDatabase(db: BenchDatabase, keep: boolean, log: (line: string) => void, fn: () => Promise<void>): Promise<void> {
  await adminQuery(`CREATE DATABASE ${db.name}`);
  try {
    await migrate(db.ownerUrl, { log: () => {} });
    const refs = createSeedClient(db.ownerUrl);
    await seedReference(refs).finally(() => refs.$disconnect());
    await fn();
  } finally {
    if (keep) log(`kept database ${db.name}`);
    else await adminQuery(`DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`);
  }
}
