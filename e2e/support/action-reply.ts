import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

// How a browser encodes a server action's arguments, and how Next decodes them, with the very
// React build Next ships (next/dist/compiled/react-server-dom-webpack). The fuzz test uses the
// encoder for well-formed calls, and the decoder to tell precisely when a 500 is Next's own:
// Next decodes the body and applies the action to it *before any of our code runs*, and answers
// 500 when that fails (docs/security.md, "Server actions and malformed bodies").

const require = createRequire(import.meta.url);
const RSDW = path.dirname(require.resolve("next/dist/compiled/react-server-dom-webpack/package.json"));
const client = require(path.join(RSDW, "client.node.js")) as { encodeReply: (v: unknown) => Promise<string | FormData> };

/** A copy with ordinary prototypes: generators may build null-prototype objects, which React refuses to encode. */
function plain(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object" || value instanceof FormData || depth > 100) return value;
  if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v, depth + 1)]));
}

/** The body a browser sends for `action(...args)`: a string, or FormData when an argument is FormData. */
export const encodeReply = (args: unknown[]) => client.encodeReply(plain(args));

/** What Next's action handler does with a string body before our action runs. */
export type Decoded = "arguments" | "undecodable" | "not-an-argument-list" | "too-many-arguments";

// Run under the react-server condition in a child process: the test process has the client
// build of React, and React refuses to load its server half there.
const DECODER = `
const server = require(${JSON.stringify(path.join(RSDW, "server.node.js"))});
const bodies = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
(async () => {
  const out = [];
  for (const body of bodies) {
    const timeout = new Promise((resolve) => setTimeout(() => resolve({ hung: true }), 2000));
    // React's chunks are thenables whose then() returns nothing: adopt them into a real Promise.
    const decoding = new Promise((resolve, reject) => {
      try { Promise.resolve(server.decodeReply(body, {}, { temporaryReferences: server.createTemporaryReferenceSet() })).then(resolve, reject); }
      catch (e) { reject(e); }
    });
    const decoded = await Promise.race([decoding.then((v) => ({ v }), () => ({ failed: true })), timeout]);
    if (decoded.failed || decoded.hung) out.push("undecodable");
    // Next reads args.length and applies the action to args: a primitive, null or undefined throws there.
    else if (decoded.v === null || decoded.v === undefined || typeof decoded.v !== "object") out.push("not-an-argument-list");
    else if (Array.isArray(decoded.v) && decoded.v.length > 1000) out.push("too-many-arguments");
    else out.push("arguments");
  }
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
})();`;

/** Classifies string bodies exactly as Next's decoder (Next 16's action handler, SERVER_ACTION_ARGS_LIMIT 1000) would. */
export function classifyBodies(bodies: string[]): Decoded[] {
  const out = execFileSync(process.execPath, ["--conditions=react-server", "-e", DECODER], {
    input: JSON.stringify(bodies), encoding: "utf8", timeout: 60_000,
  });
  return JSON.parse(out) as Decoded[];
}
