import type { TestProject } from "vitest/node";
import { migrate } from "../../scripts/lib/migrations";
import { databaseUrlFor, freshDatabaseName, testSecrets, adminQuery } from "./test-env";

declare module "vitest" {
  export interface ProvidedContext {
    testEnv: Record<string, string>;
  }
}

export default async function setup(project: TestProject) {
  const name = freshDatabaseName("prontivus_it");
  await adminQuery(`CREATE DATABASE ${name}`);
  const ownerUrl = databaseUrlFor(name);
  await migrate(ownerUrl, { log: () => {} });
  project.provide("testEnv", {
    ...testSecrets(),
    DATABASE_URL: ownerUrl,
    APP_DATABASE_URL: databaseUrlFor(name, "prontivus_app"),
    APP_HOST: "localhost:3000",
  });
  return async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
}
