// `npm run db:migrate`: applies pending migrations to DATABASE_URL (the schema owner).
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
