import { readFileSync } from "node:fs";
import { join } from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
// One file per port, so parallel runs on different ports do not read each other's state.
export const STATE_FILE = join(import.meta.dirname, "..", `.state-${E2E_PORT}.json`);

/** The environment the e2e server runs with (database URLs, APP_HOST), for direct checks. */
export function e2eEnv(): Record<string, string> {
  return JSON.parse(readFileSync(STATE_FILE, "utf8"));
}

export const tenantUrl = (slug: string, path = "/") => `http://${slug}.localhost:${E2E_PORT}${path}`;
export const platformUrl = (path = "/") => `http://localhost:${E2E_PORT}${path}`;

export const DEMO_PASSWORD = "Prontivus2026!";
