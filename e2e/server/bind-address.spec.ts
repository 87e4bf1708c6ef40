import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { expect, test } from "@playwright/test";
import { freePort } from "../../scripts/lib/test-database";
import { rawGet } from "../support/http";
import { e2eEnv } from "../support/state";

// `next start -H <address>`: the clinics' pages are served whatever address the server is bound
// to. NextURL calls 127.0.0.1 "localhost", and a tenant rewrite built from it once went out as an
// external request to the root host: every clinic page answered 404 under `-H 127.0.0.1`. Each
// test starts the production build of this run on a port of its own, on the e2e database.

test.describe.configure({ timeout: 120_000 });

async function withServer(bind: string, fn: (port: number) => Promise<void>) {
  const port = await freePort();
  const next = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const env = { ...process.env, ...e2eEnv(), APP_HOST: `localhost:${port}`, NODE_ENV: "production" as const, NEXT_TELEMETRY_DISABLED: "1" };
  const server = spawn(process.execPath, [next, "start", "-H", bind, "-p", String(port)], { env, stdio: ["ignore", "ignore", "inherit"] });
  const exited = new Promise((resolve) => server.once("exit", resolve));
  try {
    await fn(port);
  } finally {
    server.kill("SIGTERM");
    await exited;
  }
}

// Where a client reaches a server bound to `bind` (0.0.0.0 is every address, loopback among them).
const cases = [
  { bind: "127.0.0.1", address: "127.0.0.1" },
  { bind: "0.0.0.0", address: "127.0.0.1" },
  { bind: "localhost", address: "localhost" },
];

for (const { bind, address } of cases) {
  test(`next start -H ${bind} serves a clinic's pages and the root host`, async () => {
    await withServer(bind, async (port) => {
      const get = (host: string, path: string) => rawGet({ host: `${host}:${port}`, path, address, port });
      await expect.poll(() => get("localhost", "/api/health").then((r) => r.status, () => 0), { timeout: 60_000 }).toBe(200);

      const login = await get("demo.localhost", "/login?callbackUrl=%2Fpatients");
      expect(login.status).toBe(200);
      expect(login.body).toContain("Entrar");
      const other = await get("vida.localhost", "/login");
      expect(other.status).toBe(200);
      // Signed out, a staff page sends to the clinic's own sign-in page (not a 404).
      expect((await get("demo.localhost", "/patients")).status).toBeLessThan(400);
      expect((await get("localhost", "/login")).status).toBe(200);
      expect((await get("nowhere.example", "/login")).status).toBe(404);
    });
  });
}
