// `npm run bench [-- --scale 1 --duration 20 --connections 16 --benches scheduling,ehr,cid10,medications --out <dir>]`
//
// Every benchmark of the project, one after another, each in its own process exactly as its own
// `npm run bench:<name>` runs it (their databases, seeds and servers are their own), at one
// chosen scale. Each one's output streams through; at the end one markdown file gathers their
// tables and one JSON file their results (the JSON each benchmark wrote, where it writes one).
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    scale: { type: "string", default: "1" },
    duration: { type: "string" },
    connections: { type: "string" },
    benches: { type: "string", default: "scheduling,ehr,cid10,medications" },
    out: { type: "string", default: os.tmpdir() },
  },
});

const ROOT = resolve(import.meta.dirname, "../..");
const scale = Number(args.scale);
if (!(scale > 0 && scale <= 1)) throw new Error("--scale must be in (0, 1]");
const load = (opts: Record<string, string | undefined>) =>
  Object.entries(opts).flatMap(([k, v]) => (v === undefined ? [] : [`--${k}`, v]));
const common = { duration: args.duration, connections: args.connections };

// The EHR benchmark reuses the production build the scheduling one has just made.
const BENCHES: Record<string, (ran: Set<string>) => string[]> = {
  scheduling: () => ["scripts/bench/scheduling.ts", ...load({ scale: String(scale), ...common })],
  ehr: (ran) => ["scripts/bench/ehr.ts", ...load({ scale: String(scale), ...common }), ...(ran.has("scheduling") ? ["--skip-build"] : [])],
  cid10: () => ["scripts/bench/cid10.ts"],
  medications: () => ["scripts/bench/medications.ts"],
};

/** `summary`: the output's last lines, for a benchmark that prints figures as text, not tables. */
type Outcome = { bench: string; command: string; exitCode: number; seconds: number; tables: string[]; summary: string[]; results: unknown };

function runOne(bench: string, argv: string[]): Promise<Outcome> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", ...argv], { cwd: ROOT, env: process.env, stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      process.stdout.write(chunk);
      text += chunk;
    });
    child.on("error", fail);
    child.on("close", (code) => {
      const lines = text.split("\n");
      // Markdown tables are the lines that start with "|"; consecutive ones form one table.
      const tables: string[] = [];
      let current: string[] = [];
      for (const line of [...lines, ""]) {
        if (line.startsWith("|")) current.push(line);
        else if (current.length) {
          tables.push(current.join("\n"));
          current = [];
        }
      }
      const file = lines.map((l) => /^results: (.+\.json)$/.exec(l)?.[1]).find(Boolean);
      done({
        bench, command: `tsx ${argv.join(" ")}`, exitCode: code ?? 1, seconds: Math.round((performance.now() - started) / 1000),
        tables, summary: lines.filter((l) => l.trim()).slice(-12), results: file ? JSON.parse(readFileSync(file, "utf8")) : null,
      });
    });
  });
}

const wanted = args.benches.split(",").map((b) => b.trim()).filter(Boolean);
const unknown = wanted.filter((b) => !BENCHES[b]);
if (unknown.length) throw new Error(`unknown benchmark(s): ${unknown.join(", ")} (known: ${Object.keys(BENCHES).join(", ")})`);

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const outcomes: Outcome[] = [];
const ran = new Set<string>();
for (const bench of wanted) {
  console.log(`\n=== ${bench} ===`);
  const outcome = await runOne(bench, BENCHES[bench]!(ran));
  outcomes.push(outcome);
  if (outcome.exitCode === 0) ran.add(bench);
}

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`;
const markdown = [
  `# Prontivus benchmarks, ${new Date().toISOString()}`, "",
  `Scale ${scale}; machine: ${machine}; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}.`, "",
  ...outcomes.flatMap((o) => [
    `## ${o.bench}${o.exitCode === 0 ? "" : ` (FAILED, exit ${o.exitCode})`}`, "",
    `\`${o.command}\`, ${o.seconds} s`, "",
    ...(o.tables.length ? o.tables.flatMap((t) => [t, ""]) : ["```text", ...o.summary, "```", ""]),
  ]),
].join("\n");
mkdirSync(args.out, { recursive: true });
const md = join(args.out, `prontivus-bench-all-${stamp}.md`);
const json = join(args.out, `prontivus-bench-all-${stamp}.json`);
writeFileSync(md, markdown);
writeFileSync(json, JSON.stringify({ scale, machine, outcomes }, null, 2));
console.log(`\nall benchmarks: ${outcomes.map((o) => `${o.bench} ${o.exitCode === 0 ? "ok" : "FAILED"} (${o.seconds} s)`).join(", ")}`);
console.log(`markdown: ${md}\njson: ${json}`);
if (outcomes.some((o) => o.exitCode !== 0)) process.exitCode = 1;
