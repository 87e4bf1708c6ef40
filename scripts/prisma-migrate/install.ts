// Installs this folder's own dependencies on first use (fresh clone, CI), so the root never needs
// to know about Prisma 6. Uses node builtins only: it runs before those dependencies exist.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const TOOL_DIR = import.meta.dirname;

function readJson(path: string): { version?: string; dependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(path, "utf8")) as { version?: string; dependencies?: Record<string, string> };
}

/** True when every pinned dependency is installed at its pinned version. */
function isInstalled(): boolean {
  const pinned = readJson(join(TOOL_DIR, "package.json")).dependencies ?? {};
  return Object.entries(pinned).every(([name, version]) => {
    const manifest = join(TOOL_DIR, "node_modules", name, "package.json");
    return existsSync(manifest) && readJson(manifest).version === version;
  });
}

export function ensureInstalled(log: (line: string) => void = console.error): void {
  if (isInstalled()) return;
  log("Installing scripts/prisma-migrate dependencies (Prisma 6.19.3 WebAssembly schema engine)…");
  // --ignore-scripts: Prisma's install scripts only download native engines we never use
  // (and cannot reach here); nothing in this tree needs an install script.
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], {
    cwd: TOOL_DIR,
    stdio: ["ignore", 2, 2], // keep stdout for the SQL a caller may capture
  });
  if (result.status !== 0) {
    throw new Error(`npm ci in ${TOOL_DIR} failed (exit ${result.status ?? result.signal ?? result.error?.message}).`);
  }
}
