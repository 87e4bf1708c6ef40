import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "../../scripts/lib/migrations";
import { databaseUrlFor, freshDatabaseName, testSecrets, TEST_SERVER_URL } from "./test-env";

declare module "vitest" {
  export interface ProvidedContext {
    testEnv: Record<string, string>;
  }
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const name = freshDatabaseName("prontivus_it");
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const ownerUrl = databaseUrlFor(name);
  await migrate(ownerUrl, { log: () => {} });
  project.provide("testEnv", {
    ...testSecrets(),
    DATABASE_URL: ownerUrl,
    APP_DATABASE_URL: databaseUrlFor(name, "prontivus_app"),
    APP_HOST: "localhost:3000",
  });
  return async () => {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  };
}
