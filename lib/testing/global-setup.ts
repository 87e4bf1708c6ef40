import type { TestProject } from "vitest/node";
import { migrate } from "../../scripts/lib/migrations";
import { databaseEnv, freshDatabaseName, testSecrets, adminQuery, TEST_APP_PASSWORD } from "./test-env";

declare module "vitest" {
  export interface ProvidedContext {
    testEnv: Record<string, string>;
  }
}

export default async function setup(project: TestProject) {
  const name = freshDatabaseName("prontivus_it");
  await adminQuery(`CREATE DATABASE ${name}`);
  const database = databaseEnv(name);
  await migrate(database.DATABASE_URL, { log: () => {}, appRolePassword: TEST_APP_PASSWORD });
  // Tests that make databases of their own (the seed's) migrate them with the same app password.
  project.provide("testEnv", { ...testSecrets(), ...database, APP_HOST: "localhost:3000" });
  return async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
}
