import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import { resolve } from "node:path";

// The production server under test: `next build` into a dist dir of its own (so it never
// disturbs .next or another run's build) and `next start` on a port of its own, with the
// benchmark database's environment — the way e2e/support/server.ts starts the app.

const ROOT = resolve(import.meta.dirname, "../..");

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? done() : fail(new Error(`${cmd} ${args.join(" ")} exited with ${code}`))));
  });
}

/** `next build` adds "<distDir>/types/**" entries to tsconfig.json's include: take ours out again. */
function restoreTsconfig(distDir: string): void {
  const path = resolve(ROOT, "tsconfig.json");
  const text = readFileSync(path, "utf8");
  const cleaned = text.split("\n").filter((line) => !line.includes(`"${distDir}/`)).join("\n").replace(/,(\s*\])/g, "$1");
  if (cleaned !== text) writeFileSync(path, cleaned);
}

export async function buildApp(distDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run("npx", ["next", "build"], { ...env, NEXT_DIST_DIR: distDir, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
  } finally {
    restoreTsconfig(distDir);
  }
}

export type AppServer = { url: string; stop: () => Promise<void> };

/**
 * `profileDir`: run the server under `node --cpu-prof`, which writes a `.cpuprofile` there when
 * the server stops (scripts/bench/cpu-profile.ts reads it).
 */
export async function startApp(distDir: string, port: number, env: NodeJS.ProcessEnv, profileDir?: string): Promise<AppServer> {
  // Node refuses --cpu-prof in NODE_OPTIONS: Next's own entry point is run with the flag instead.
  const [cmd, args] = profileDir
    ? [process.execPath, ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, resolve(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port)]]
    : ["npx", ["next", "start", "-p", String(port)]];
  const child: ChildProcess = spawn(cmd, args, {
    cwd: ROOT, env: { ...env, NEXT_DIST_DIR: distDir, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"], detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    // npx starts next as a child: end the whole process group we created.
    process.kill(-child.pid, "SIGTERM");
    await new Promise((r) => child.once("exit", r));
  };
  // The root host (APP_HOST) answers /api/health; 127.0.0.1 itself is an unknown host to proxy.ts.
  const healthy = () => new Promise<boolean>((done) => {
    http.get({ host: "127.0.0.1", port, path: "/api/health", headers: { host: `localhost:${port}` } }, (res) => {
      res.resume();
      done(res.statusCode === 200);
    }).on("error", () => done(false));
  });
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    if (await healthy()) return { url, stop };
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error("next start did not answer /api/health within 60 s");
}
