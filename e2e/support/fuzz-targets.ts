import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// What the fuzz test attacks, discovered rather than listed, so a new route or server action is
// covered the day it lands: every route.ts under app/api/v1 (its exported HTTP methods read from
// the source), and every server action the production build registered in
// .next/server/server-reference-manifest.json (with the page it can be posted to).

const ROOT = path.join(import.meta.dirname, "..", "..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];

/** `input`: whether the handler reads anything from the client (body, query, path) beyond its token. */
export type ApiRoute = { file: string; segments: string[]; methods: Method[]; input: boolean };

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(full) : e.name === "route.ts" ? [full] : [];
  });
}

/** Every route handler under app/api/v1 with the methods it exports. */
export function apiRoutes(): ApiRoute[] {
  const base = path.join(ROOT, "app", "api", "v1");
  return routeFiles(base).sort().map((file) => {
    const source = readFileSync(file, "utf8");
    const methods = METHODS.filter((m) => new RegExp(`export\\s+(async\\s+)?(function\\s+${m}\\b|const\\s+${m}\\b)`).test(source));
    const segments = path.relative(base, path.dirname(file)).split(path.sep).filter((s) => !/^\(.*\)$/.test(s));
    const input = /readJsonBody|parseJsonBody|listQuery|searchParams|params/.test(source);
    return { file: path.relative(ROOT, file), segments: ["api", "v1", ...segments], methods, input };
  });
}

export type Who = "anonymous" | "staff" | "patient" | "platform";
export type ServerAction = {
  id: string;
  name: string;
  file: string;
  /** A page module that imports the action: where a browser posts it. */
  page: string;
  /** Platform (root host) or clinic (tenant host). */
  host: "platform" | "tenant";
  /** Who may legitimately call it: the fuzz calls it signed out and as this user. */
  caller: Exclude<Who, "anonymous">;
  /** Declared parameters: an action with none has no input to fuzz once signed in. */
  params: number;
  /** A form action ((prev, form: FormData) or (form: FormData)): fuzzed with FormData too. */
  takesForm: boolean;
};

type ManifestEntry = { workers: Record<string, unknown>; exportedName?: string; filename?: string };

/** The declared parameters of `name` in `file` (export async function name(a, b)). */
function signatureOf(file: string, name: string): { params: number; takesForm: boolean } {
  const source = readFileSync(path.join(ROOT, file), "utf8");
  const m = new RegExp(`export\\s+async\\s+function\\s+${name}\\s*\\(([^)]*)\\)`).exec(source);
  if (!m) throw new Error(`server action ${name} not found in ${file}`);
  const params = m[1]!.trim() === "" ? 0 : m[1]!.split(",").filter((p) => p.trim()).length;
  return { params, takesForm: /FormData/.test(m[1]!) };
}

/** Every server action of the built app (run `next build` first). */
export function serverActions(): ServerAction[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, ManifestEntry>;
  };
  return Object.entries(manifest.node).map(([id, entry]): ServerAction => {
    if (!entry.exportedName || !entry.filename) throw new Error(`manifest entry ${id} has no exportedName/filename`);
    const pages = Object.keys(entry.workers).filter((w) => w.endsWith("/page")).sort();
    const page = pages[0];
    if (!page) throw new Error(`server action ${entry.exportedName} is imported by no page`);
    const file = entry.filename.replace(/^\.\//, "");
    const host: ServerAction["host"] = page.startsWith("app/(platform)") ? "platform" : "tenant";
    const caller: ServerAction["caller"] = host === "platform" ? "platform" : /\/portal\//.test(page) ? "patient" : "staff";
    return { id, name: entry.exportedName, file, page, host, caller, ...signatureOf(file, entry.exportedName) };
  }).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The URL path a page answers on: route groups dropped, the tenant prefix removed (the host
 * names the clinic, proxy.ts rewrites), dynamic segments filled by `fill`.
 */
export function pagePath(page: string, fill: (segment: string) => string): string {
  const parts = page.replace(/^app\//, "").replace(/\/?page$/, "").split("/").filter((s) => s && !/^\(.*\)$/.test(s));
  const rest = parts[0] === "t" && parts[1] === "[tenant]" ? parts.slice(2) : parts;
  return "/" + rest.map((s) => (/^\[.*\]$/.test(s) ? fill(s.slice(1, -1)) : s)).join("/");
}
