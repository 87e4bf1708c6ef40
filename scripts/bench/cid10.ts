// `npm run bench:cid10 [-- --rounds 20] [-- --url http://127.0.0.1:3000 --host demo.localhost:3000 --token <bearer>]`
//
// CID-10 search as a doctor types: every prefix of a mix of codes and words ("h", "hi", …,
// "hiperten"), timed one query at a time. In process it loads the complete official table into
// a throwaway database (migrated and seeded like the real one), reads it once through the app
// role, and times searchCid10 (validation, permission, ranking) per keystroke. With --url,
// --host and --token it also times GET /api/v1/cid10 on a running server, one client.
// Figures and how to read them: docs/performance.md.
import os from "node:os";
import { parseArgs } from "node:util";
import { adminQuery, databaseUrlFor, freshDatabaseName, testSecrets } from "../../lib/testing/test-env";
import { createSeedClient } from "../../prisma/seed/db";
import { seedCid10 } from "../../prisma/seed/cid10";
import { migrate } from "../lib/migrations";
import { measure } from "./load";

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "20" },
    url: { type: "string" },
    host: { type: "string" },
    token: { type: "string" },
  },
});

const WORDS = [
  "hiperten", "hipertensao essencial", "diabetes mellitus", "diabetes insulino", "pneumonia", "dor abdominal",
  "fratura femur", "gravidez", "cefaleia", "infeccao urinaria", "depressao", "ansiedade generalizada", "asma",
  "lombalgia", "dengue", "covid", "otite media", "amigdalite", "gastrite", "obesidade",
];
const CODES = ["I10", "E11.9", "e119", "J45", "M54.5", "F32", "N39.0", "A90", "Z00.0", "O80"];
/** Every prefix, as the picker sends them while the doctor types (debounced, but each can arrive). */
const MIX = [...WORDS, ...CODES].flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)).filter((p) => p.trim()));

function percentiles(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return { n: sorted.length, p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), max: round(sorted[sorted.length - 1]!) };
}

async function inProcess(rounds: number) {
  const name = freshDatabaseName("prontivus_bench_cid10");
  await adminQuery(`CREATE DATABASE ${name}`);
  try {
    Object.assign(process.env, testSecrets(), { DATABASE_URL: databaseUrlFor(name), APP_DATABASE_URL: databaseUrlFor(name, "prontivus_app") });
    await migrate(databaseUrlFor(name), { log: () => {} });
    const seed = createSeedClient(databaseUrlFor(name));
    await seedCid10(seed).finally(() => seed.$disconnect());
    // Imported after the environment is set: lib/env reads it on first use.
    const { cid10Index } = await import("../../lib/ehr/cid10/catalogue");
    const { searchCid10 } = await import("../../lib/ehr/cid10/search");
    const { disconnectDb } = await import("../../lib/db/client");
    const loadStart = performance.now();
    const index = await cid10Index();
    const loadMs = performance.now() - loadStart;
    const ctx = {
      tenantId: "00000000-0000-0000-0000-000000000000", tenantSlug: "bench", timeZone: "America/Sao_Paulo",
      user: { id: "bench", name: "Bench", email: "bench@example.test" }, roles: ["doctor" as const],
      permissions: new Set(["records:read"]), requestId: "bench", ip: null, userAgent: null,
    };
    for (const q of MIX) await searchCid10(ctx, { q }); // warm-up (JIT)
    const times: number[] = [];
    const perQuery = new Map<string, number[]>();
    for (let r = 0; r < rounds; r++) {
      for (const q of MIX) {
        const t = performance.now();
        await searchCid10(ctx, { q });
        const ms = performance.now() - t;
        times.push(ms);
        perQuery.set(q, [...(perQuery.get(q) ?? []), ms]);
      }
    }
    await disconnectDb();
    const slowest = [...perQuery].map(([q, ts]) => ({ q, ...percentiles(ts) })).sort((a, b) => b.p50 - a.p50).slice(0, 5);
    return { codes: index.entries.length, loadMs: Math.round(loadMs), slowest, ...percentiles(times) };
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

async function overHttp(url: string, host: string, token: string, rounds: number) {
  let i = 0;
  const figures = await measure(url, {
    name: "GET /api/v1/cid10", host, token, connections: 1, amount: MIX.length * rounds,
    next: () => ({ path: `/api/v1/cid10?q=${encodeURIComponent(MIX[i++ % MIX.length]!)}` }),
  });
  return figures;
}

const rounds = Number(args.rounds);
console.log(`CID-10 search benchmark — ${MIX.length} queries per round (every prefix of ${WORDS.length} word and ${CODES.length} code queries), ${rounds} rounds`);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}; node ${process.version}`);
const local = await inProcess(rounds);
console.log(`in process (searchCid10: validation + permission + ranking over ${local.codes} codes; table load ${local.loadMs} ms once):`);
console.log(`  n=${local.n}  p50 ${local.p50} ms  p95 ${local.p95} ms  p99 ${local.p99} ms  max ${local.max} ms`);
console.log(`  slowest queries by median: ${local.slowest.map((s) => `"${s.q}" p50 ${s.p50} / p95 ${s.p95} ms`).join("; ")}`);
if (args.url && args.host && args.token) {
  const http = await overHttp(args.url, args.host, args.token, rounds);
  console.log(`over HTTP (${args.url}, host ${args.host}, 1 client):`);
  console.log(`  n=${http.requests}  p50 ${http.p50} ms  p95 ${http.p95} ms  p99 ${http.p99} ms  max ${http.max} ms  statuses ${JSON.stringify(http.statuses)}`);
}
process.exit(0);
