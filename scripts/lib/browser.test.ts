// Browser discovery as `npm test` does it, in child processes whose PATH and Playwright browser
// folder are empty temporary directories (this machine's own browsers out of sight).
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const scratch = mkdtempSync(path.join(tmpdir(), "browser-test-"));
const emptyDir = (name: string) => mkdtempSync(path.join(scratch, name));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  const inherited = { ...process.env };
  delete inherited.CHROMIUM_PATH;
  // No browser on the PATH, none in Playwright's folder, and a download host that refuses.
  const isolated = { PATH: emptyDir("path-"), PLAYWRIGHT_BROWSERS_PATH: emptyDir("pw-"), PLAYWRIGHT_DOWNLOAD_HOST: "http://127.0.0.1:9" };
  const child = spawn(process.execPath, [tsx, ...args], { cwd: root, env: { ...inherited, ...isolated, ...env } });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, out })));
}

describe("findBrowser", () => {
  it("takes CHROMIUM_PATH as given, else a chromium or google-chrome on the PATH, else nothing", async () => {
    const bin = emptyDir("bin-");
    const chrome = path.join(bin, "google-chrome");
    writeFileSync(chrome, "#!/bin/sh\n");
    chmodSync(chrome, 0o755);
    writeFileSync(path.join(bin, "chromium"), "not executable\n"); // skipped: not executable
    const cases = [{ PATH: bin }, { PATH: bin, CHROMIUM_PATH: "/opt/chrome/chrome" }, { PATH: emptyDir("none-") }];
    const script = `import { findBrowser } from "./scripts/lib/browser.ts";
      console.log(JSON.stringify(${JSON.stringify(cases)}.map((env) => findBrowser(env) ?? null)));`;
    const { out } = await run(["--eval", script]);
    expect(JSON.parse(out)).toEqual([
      { executablePath: chrome, source: "google-chrome on the PATH" },
      { executablePath: "/opt/chrome/chrome", source: "CHROMIUM_PATH" },
      null,
    ]);
  }, 60_000);
});

describe("npm test without a browser", () => {
  it("tries Playwright's install, then stops before any other step or database work, saying what to install", async () => {
    const { code, out } = await run(["scripts/test.ts"], { TEST_DATABASE_URL: "" });
    expect(code).toBe(1);
    expect(out).toContain("▸ No Chromium found: npx playwright install chromium");
    expect(out).toContain("Debian/Ubuntu:  sudo apt-get install chromium");
    expect(out).toContain("CHROMIUM_PATH=/path/to/chrome npm test");
    expect(out).not.toContain("npm run typecheck");
    expect(out).not.toContain("PostgreSQL");
  }, 130_000);
});
