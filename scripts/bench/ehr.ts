// `npm run bench:ehr [-- --large --charts 40 --duration 15 --connections 16 --port 3296 --keep --probe-only
//                       --only <scenario name part> --profile <dir for the server's .cpuprofile>]`
//
// Seeds its own database with the scheduling benchmark's seed (its own small clinic by default,
// the 1,000,000-patient clinic with --large), adds charts of 300 encounters with SQL, builds and
// starts the production server, then measures beside the no-op route ceiling: chart open through
// the API, the patient page with its timeline, and signing. See docs/performance.md.
import { writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createSeedClient } from "../../prisma/seed/db";
import { seedCid10 } from "../../prisma/seed/cid10";
import { benchDatabase, withBenchDatabase } from "./database";
import { shapeFor } from "./data";
import { runEhrScenarios } from "./ehr-scenarios";
import { probeInProcess, type ProbeFigure } from "./ehr-probe";
import { seedCharts, type SeededCharts } from "./ehr-seed";
import { table, type Figures } from "./load";
import { seedBench } from "./seed";
import { buildApp, startApp } from "./server";

const { values: args } = parseArgs({
  options: {
    large: { type: "boolean", default: false },
    scale: { type: "string" },
    charts: { type: "string" },
    encounters: { type: "string", default: "300" },
    duration: { type: "string", default: "15" },
    connections: { type: "string", default: "16" },
    port: { type: "string", default: "3296" },
    "dist-dir": { type: "string", default: ".next-bench" },
    "skip-build": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    "seed-only": { type: "boolean", default: false },
    "probe-only": { type: "boolean", default: false },
    "probe-runs": { type: "string", default: "300" },
    only: { type: "string" },
    profile: { type: "string" },
  },
});
// Default: a clinic of 10,000 patients (scale 0.01 of the scheduling benchmark) with 40 charts;
// --large: the scheduling benchmark's full clinic (1,000,000 patients) with 1,000 charts.
const scale = Number(args.scale ?? (args.large ? "1" : "0.01"));
if (!(scale > 0 && scale <= 1)) throw new Error("--scale must be in (0, 1]");
const charts = Number(args.charts ?? (args.large ? "1000" : "40"));
const perChart = Number(args.encounters);
const port = Number(args.port);
const started = performance.now();
const log = (line: string) => console.log(line);
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" ");

const db = benchDatabase("prontivus_bench_ehr", port);
const shape = shapeFor(scale);
log(`Prontivus EHR benchmark — scale ${scale}: ${shape.largePatients.toLocaleString("en")} patients, ` +
  `${charts} charts of ${perChart} encounters, plus ${shape.smallTenants} small tenants`);
log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; node ${process.version}; database ${db.name}`);

async function measureAll(seeded: SeededCharts, seedSeconds: number, inProcess: ProbeFigure[]) {
  if (!args["skip-build"]) {
    log(`next build → ${args["dist-dir"]} (${elapsed()})`);
    await buildApp(args["dist-dir"], db.env);
  }
  const server = await startApp(args["dist-dir"], port, db.env, args.profile);
  try {
    log(`server up on :${port} (${elapsed()}); load average ${load()}`);
    const results = await runEhrScenarios(server.url, port, seeded, {
      duration: Number(args.duration), connections: Number(args.connections), ownerUrl: db.ownerUrl, log, only: args.only,
    });
    log("");
    log(table(results.figures, results.figures[0] as Figures));
    log("");
    log(`access log: ${results.access.chartReads} chart reads answered 200 in the measured runs, ` +
      `${results.access.chartReadLogs} data_access_logs rows of type medical_record written meanwhile (warm-ups included); ` +
      `${results.access.timelineReads} patient_timeline rows in all`);
    // The verdict only: the answer also names the doctor and their certificate.
    if (results.verification) {
      const { valid, signerKind, problems } = results.verification as { valid?: boolean; signerKind?: string; problems?: unknown };
      log(`verification of a record signed in the run: ${JSON.stringify({ valid, signerKind, problems })}`);
    }
    log(`total ${elapsed()} (seed ${seedSeconds} s); load average ${load()}`);
    const out = join(os.tmpdir(), `prontivus-bench-ehr-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    writeFileSync(out, JSON.stringify({ scale, shape, charts, perChart, seedSeconds, inProcess, ...results, totalSeconds: Math.round((performance.now() - started) / 1000) }, null, 2));
    log(`results: ${out}`);
  } finally {
    await server.stop();
  }
}

await withBenchDatabase(db, args.keep, log, async () => {
  log("seed (after migrations and the reference seed):");
  const t0 = performance.now();
  const cid = createSeedClient(db.ownerUrl);
  await seedCid10(cid).finally(() => cid.$disconnect());
  const seeded = await seedBench(db.ownerUrl, shape, log);
  const chartsSeeded = await seedCharts(db.ownerUrl, seeded.tenants[0]!, { charts, perChart }, log);
  const seedSeconds = Math.round((performance.now() - t0) / 1000);
  log(`  seeded in ${seedSeconds} s`);
  if (args["seed-only"]) return;
  const inProcess = await probeInProcess(db.ownerUrl, Number(args["probe-runs"]), log);
  if (!args["probe-only"]) await measureAll(chartsSeeded, seedSeconds, inProcess);
});
