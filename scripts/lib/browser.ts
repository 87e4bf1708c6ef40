// Which Chromium the end-to-end tests drive. Shared by `npm test` (scripts/test.ts), which
// looks before any database work and installs one when there is none, and playwright.config.ts.
import { spawn } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium } from "@playwright/test";

export interface FoundBrowser {
  executablePath: string;
  /** Where it was found, for the log line. */
  source: string;
}

/** Names Chromium and Chrome go by on Debian, Ubuntu, Fedora, Arch, Homebrew's PATH and others. */
const ON_PATH = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

/** How long `npx playwright install chromium` may take (a ~170 MB download) before we give up. */
export const INSTALL_TIMEOUT_MS = 5 * 60_000;

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, searchPath = process.env.PATH ?? ""): string | undefined {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, name);
    if (executable(file)) return file;
  }
  return undefined;
}

/** The Chromium of this Playwright version, if `playwright install` has put it on this machine. */
function playwrightChromium(): string | undefined {
  const file = chromium.executablePath();
  return existsSync(file) && executable(file) ? file : undefined;
}

/**
 * CHROMIUM_PATH (taken as given: a wrong path should fail loudly, not be replaced), else the
 * browser Playwright has installed, else chromium/chromium-browser/google-chrome on the PATH.
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): FoundBrowser | undefined {
  if (env.CHROMIUM_PATH) return { executablePath: env.CHROMIUM_PATH, source: "CHROMIUM_PATH" };
  const own = playwrightChromium();
  if (own) return { executablePath: own, source: "installed by Playwright" };
  for (const name of ON_PATH) {
    const file = onPath(name, env.PATH);
    if (file) return { executablePath: file, source: `${name} on the PATH` };
  }
  return undefined;
}

/** Runs `npx playwright install chromium` (this repository's Playwright), bounded in time. */
export function installPlaywrightChromium(timeoutMs = INSTALL_TIMEOUT_MS): Promise<boolean> {
  const cli = createRequire(import.meta.url).resolve("@playwright/test/cli");
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, "install", "chromium"], { stdio: "inherit" });
    const timer = setTimeout(() => {
      console.error(`✖ npx playwright install chromium did not finish in ${timeoutMs / 60_000} minutes.`);
      child.kill("SIGTERM");
    }, timeoutMs);
    child.once("error", () => resolve(false));
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}

export const NO_BROWSER_HELP = `✖ The end-to-end tests need Chromium (or Google Chrome), none was found, and
  \`npx playwright install chromium\` could not install one. Install one, then run npm test again:
    Debian/Ubuntu:  sudo apt-get install chromium          (older Ubuntu: chromium-browser)
                    or: sudo npx playwright install --with-deps chromium
    Others:         npx playwright install --with-deps chromium
                    or install Chromium/Google Chrome from your package manager
  A browser somewhere else: CHROMIUM_PATH=/path/to/chrome npm test`;
