import { defineConfig, devices } from "@playwright/test";
import { E2E_PORT } from "./e2e/support/state";
import { findBrowser } from "./scripts/lib/browser";

// End-to-end tests against the production build in Chromium: CHROMIUM_PATH, else the one
// Playwright installed, else chromium/google-chrome on the PATH (scripts/lib/browser.ts; `npm
// test` installs one first when there is none). *.localhost is mapped to loopback so tenant
// subdomains resolve.
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://demo.localhost:${E2E_PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: findBrowser()?.executablePath,
      args: [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP *.localhost 127.0.0.1",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "npx tsx e2e/support/server.ts",
    url: `http://localhost:${E2E_PORT}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "ignore",
    stderr: "pipe",
  },
});
