// `npm run bench:scheduling [-- --scale 0.1 --duration 20 --connections 16 --port 3295 --keep
//                              --only <scenario name part> --profile <dir for the server's .cpuprofile>
//                              --probe-only --probe-runs 200]`
//
// Seeds its own database (never the dev one), builds and starts the production server on it,
// then measures with autocannon: a no-op route (the ceiling of this server on this machine, in
// this run), patient search, a doctor's day agenda, booking, and 64 clients fighting over the
// same slots — after which the database is asked for overlapping appointments (there must be 0).
// See docs/performance.md for the figures and what they mean.
import { writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createSeedClient } from "../../prisma/seed/db";
import { seedCid10 } from "../../prisma/seed/cid10";
import { benchDatabase, withBenchDatabase } from "./database";
import { shapeFor } from "./data";
import { table, type Figures } from "./load";
import { seedCharts, type SeededCharts } from "./ehr-seed";
import type { ProbeFigure } from "./probe";
import { runScenarios } from "./scenarios";
import { probeScheduling } from "./scheduling-probe";
import { seedBench } from "./seed";
import { buildApp, startApp } from "./server";

const { values: args } = parseArgs({
  options: {
    scale: { type: "string", default: "1" },
    duration: { type: "string", default: "20" },
    connections: { type: "string", default: "16" },
    port: { type: "string", default: "3295" },
    "dist-dir": { type: "string", default: ".next-bench" },
    "skip-build": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    "seed-only": { type: "boolean", default: false },
    only: { type: "string" },
    profile: { type: "string" },
    "probe-only": { type: "boolean", default: false },
    "probe-runs": { type: "string", default: "200" },
  },
});
const scale = Number(args.scale);
if (!(scale > 0 && scale <= 1)) throw new Error("--scale must be in (0, 1]");
const port = Number(args.port);
const started = performance.now();
const log = (line: string) => console.log(line);
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;


const { name, ownerUrl, env } = benchDatabase("prontivus_bench", port);

const shape = shapeFor(scale);
log(`Prontivus scheduling benchmark — scale ${scale}: ${shape.largePatients.toLocaleString("en")} patients and ` +
  `${shape.largeAppointments.toLocaleString("en")} appointments in one tenant, plus ${shape.smallTenants} small tenants`);
log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; node ${process.version}; database ${name}`);

async function measureAll(seeded: Awaited<ReturnType<typeof seedBench>>, charts: SeededCharts, seedSeconds: number, inProcess: ProbeFigure[]) {
  if (!args["skip-build"]) {
    log(`next build → ${args["dist-dir"]} (${elapsed()})`);
    await buildApp(args["dist-dir"], env);
  }
  const server = await startApp(args["dist-dir"], port, env, args.profile);
  try {
    // The machine may be shared: say how busy it was, since every figure below depends on it.
    log(`server up on :${port} (${elapsed()}); load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    const results = await runScenarios(server.url, port, seeded, {
      duration: Number(args.duration), connections: Number(args.connections), ownerUrl, log, only: args.only, charts,
    });
    const ceiling = results.figures[0] as Figures;
    log("");
    log(table(results.figures, ceiling));
    log("");
    log("patient search by kind (large tenant, one request at a time, 40 each):");
    log("| kind | p50 ms | p95 ms | max ms | rows |");
    log("|---|---:|---:|---:|---:|");
    for (const k of results.byKind) log(`| ${k.kind} | ${k.p50} | ${k.p95} | ${k.max} | ${k.results} |`);
    log("");
    if (results.mix) log(`mixed scenario, requests drawn by kind: ${JSON.stringify(results.mix.drawn)}`);
    log(`booking contention: ${results.contention.clients} clients × ${results.contention.slots} slots → ` +
      `${results.contention.booked} booked, ${results.contention.refused} refused with 409, ` +
      `${results.overlaps} overlapping non-encaixe appointments in the whole database`);
    log(`total ${elapsed()} (seed ${seedSeconds} s); load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    const out = join(os.tmpdir(), `prontivus-bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    const totalSeconds = Math.round((performance.now() - started) / 1000);
    writeFileSync(out, JSON.stringify({ shape, seedTimings: seeded.timings, seedSeconds, inProcess, ...results, totalSeconds }, null, 2));
    log(`results: ${out}`);
    if (results.overlaps !== 0) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

await withBenchDatabase({ name, ownerUrl, env }, args.keep, log, async () => {
  log("seed (after migrations and the reference seed):");
  const t0 = performance.now();
  const seeded = await seedBench(ownerUrl, shape, log);
  // The mix reads charts too: the CID-10 table and 40 charts of 300 encounters, as bench:ehr seeds them.
  const cid = createSeedClient(ownerUrl);
  await seedCid10(cid).finally(() => cid.$disconnect());
  const charts = await seedCharts(ownerUrl, seeded.tenants[0]!, { charts: 40, perChart: 300 }, log);
  const seedSeconds = Math.round((performance.now() - t0) / 1000);
  log(`  seeded in ${seedSeconds} s`);
  if (args["seed-only"]) return;
  const inProcess = await probeScheduling(ownerUrl, seeded, Number(args["probe-runs"]), log);
  if (!args["probe-only"]) await measureAll(seeded, charts, seedSeconds, inProcess);
});
