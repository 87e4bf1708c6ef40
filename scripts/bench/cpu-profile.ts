// `npx tsx scripts/bench/cpu-profile.ts <file.cpuprofile> [--top 25]`: where a V8 CPU profile's
// time went, by module (a package under node_modules, Node's own code, our bundled app chunks,
// the garbage collector, idle) and by function. The benchmarks write such profiles with
// `--profile` (the production server run under `node --cpu-prof`).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** The module a frame belongs to, coarse enough to read: a package, Node, the app, V8 itself. */
export function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) {
    const name = pkg[1]!;
    if (name === "next") return /compiled\/([^/]+)/.exec(url)?.[1] ? `next (${/compiled\/([^/]+)/.exec(url)![1]})` : "next";
    return name;
  }
  if (/\.next[^/]*\/server\/chunks\//.test(url) || /\.next[^/]*\/server\/app\//.test(url)) return "app (bundled)";
  return url.replace(/^file:\/\//, "").split("/").slice(-2).join("/");
}

export function summarise(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const modules = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const mod = moduleOf(url, functionName);
    modules.set(mod, (modules.get(mod) ?? 0) + us);
    const fn = `${functionName || "(anonymous)"} ${mod}${url ? `:${lineNumber + 1}` : ""}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const ranked = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
  return { totalMs: total / 1000, modules: ranked(modules), functions: ranked(functions) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "25" } } });
  const top = Number(values.top);
  for (const file of positionals) {
    const s = summarise(JSON.parse(readFileSync(file, "utf8")) as Profile);
    const busy = s.modules.filter((m) => m.name !== "(idle)").reduce((a, m) => a + m.ms, 0);
    console.log(`${file}: ${s.totalMs.toFixed(0)} ms sampled, ${busy.toFixed(0)} ms busy\n`);
    console.log("| module | ms | % of busy |\n|---|---:|---:|");
    for (const m of s.modules.filter((x) => x.name !== "(idle)").slice(0, top)) console.log(`| ${m.name} | ${m.ms.toFixed(0)} | ${((m.ms / busy) * 100).toFixed(1)}% |`);
    console.log("\n| function | ms | % of busy |\n|---|---:|---:|");
    for (const f of s.functions.filter((x) => !x.name.startsWith("(idle)")).slice(0, top)) console.log(`| ${f.name} | ${f.ms.toFixed(0)} | ${((f.ms / busy) * 100).toFixed(1)}% |`);
  }
}
