// `npm test`'s own orchestration (scripts/test.ts) with the steps replaced by a stand-in npm
// (npm_execpath): the embedded server it starts takes a password, a failing step's exit code
// is the run's, and a failure or SIGTERM stops the server and deletes its directory.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const scratch = mkdtempSync(path.join(tmpdir(), "test-command-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Every step passes at once, except test:integration: it records the environment it was given,
// then exits with STEP_EXIT, or waits to be stopped when that is unset.
const fakeNpm = path.join(scratch, "npm.js");
writeFileSync(fakeNpm, `
const script = process.argv[3];
if (script !== "test:integration") process.exit(0);
const { TEST_DATABASE_URL, CHROMIUM_PATH } = process.env;
require("node:fs").writeFileSync(process.env.STEP_REPORT, JSON.stringify({ TEST_DATABASE_URL, CHROMIUM_PATH }));
if (process.env.STEP_EXIT) process.exit(Number(process.env.STEP_EXIT));
setInterval(() => {}, 1000);
`);

function startRun(stepExit?: string) {
  const report = path.join(scratch, `report-${Math.random().toString(36).slice(2)}.json`);
  const env: NodeJS.ProcessEnv = { ...process.env, npm_execpath: fakeNpm, CHROMIUM_PATH: "/opt/any/chrome", STEP_REPORT: report, STEP_EXIT: stepExit ?? "" };
  delete env.TEST_DATABASE_URL; // the run must start its own server
  const child = spawn(process.execPath, [tsx, "scripts/test.ts"], { cwd: root, env });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
  const dataDir = () => /data in (\S+)/.exec(out)?.[1];
  const stepEnv = async () => {
    while (!existsSync(report)) await new Promise((r) => setTimeout(r, 100)); // the step's own signal
    return JSON.parse(readFileSync(report, "utf8")) as { TEST_DATABASE_URL: string; CHROMIUM_PATH: string };
  };
  return { child, exited, stepEnv, dataDir, output: () => out };
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ v: string }>("SELECT version() AS v")).rows[0]!.v;
  } finally {
    await client.end();
  }
}

describe("npm test", { timeout: 120_000 }, () => {
  it("runs the database steps on its own PostgreSQL, and removes it when a step fails, with that step's exit code", async () => {
    const run = startRun("7");
    const { TEST_DATABASE_URL: url, CHROMIUM_PATH } = await run.stepEnv();
    expect(CHROMIUM_PATH).toBe("/opt/any/chrome");
    expect(new URL(url).password).toMatch(/^[0-9a-f]{48}$/);
    expect(await run.exited).toBe(7);
    expect(run.output()).toContain("✖ npm run test:integration");
    expect(run.output()).not.toContain("npm run test:e2e");
    expect(existsSync(run.dataDir()!)).toBe(false);
    await expect(serverVersion(url)).rejects.toThrow(/ECONNREFUSED/);
  });

  it("stops its PostgreSQL and deletes its directory on SIGTERM", async () => {
    const run = startRun();
    const { TEST_DATABASE_URL: url } = await run.stepEnv();
    expect(await serverVersion(url)).toMatch(/^PostgreSQL 17\./);
    const dir = run.dataDir()!;
    expect(existsSync(dir)).toBe(true);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(143);
    expect(existsSync(dir)).toBe(false);
    await expect(serverVersion(url)).rejects.toThrow(/ECONNREFUSED/);
  });
});
