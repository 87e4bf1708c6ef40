// `npm run bench:medications [-- --rounds 10] [-- --products 30000]`
//
// Medication search as a doctor types: every prefix of a mix of ingredient names, brand-like
// names and misses ("a", "am", …, "amoxicilina"), timed one call at a time through
// searchMedications (permission, normalisation, the clinic's own items, ranking over the whole
// catalogue), and again with the clinic's cached item list dropped before each call, as when it
// has just expired (its items then read in a tenant transaction with row-level security). The catalogue is the
// curated one (prisma/data/drugs) plus `--products` synthetic registered products, about the
// size of ANVISA's list of valid registrations, each linked to one to three curated ingredients,
// in a throwaway database migrated and seeded like the real one; the clinic has 200 items of its
// own. Figures and how to read them: docs/performance.md. Target: p95 ≤ 15 ms.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import { adminQuery, databaseEnv, freshDatabaseName, testSecrets, TEST_APP_PASSWORD } from "../../lib/testing/test-env";
import { createSeedClient, type SeedDb } from "../../prisma/seed/db";
import { seedDrugCatalogue } from "../../prisma/seed/drugs";
import { migrate } from "../lib/migrations";

const { values: args } = parseArgs({
  options: { rounds: { type: "string", default: "10" }, products: { type: "string", default: "30000" } },
});

const QUERIES = [
  "amoxicilina", "losartana potassica", "dipirona", "paracetamol", "sertralina", "clonazepam", "acido acetilsalicilico",
  "omeprazol", "metformina", "sinvastatina", "amoxil", "neoflex", "ravimax", "clavul", "codeina", "xyzzy", "qqq",
];
const MIX = QUERIES.flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)).filter((p) => p.trim()));

/** Deterministic pseudo-random numbers (mulberry32), so every run builds the same catalogue. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ["a", "mo", "xi", "ce", "fa", "lo", "ra", "vi", "zol", "pril", "tan", "vex", "dor", "flex", "max", "pro", "neo", "cor", "lin", "tri", "gen", "sil", "bac", "mel", "for", "pan", "ter", "dal", "quin", "ril"];
const SUFFIXES = ["", "", "", " XR", " BD", " 500", " Forte", " Retard", " Duo", " Plus"];

async function syntheticProducts(db: SeedDb, count: number): Promise<void> {
  const rnd = random(20261202);
  const ingredients = (await db.drugIngredient.findMany({ select: { id: true }, orderBy: { name: "asc" } })).map((i) => i.id);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  for (let start = 0; start < count; start += 2000) {
    const batch = Array.from({ length: Math.min(2000, count - start) }, (_, k) => {
      const n = start + k;
      const word = Array.from({ length: 2 + Math.floor(rnd() * 2) }, () => pick(SYLLABLES)).join("");
      const name = `${word.charAt(0).toUpperCase()}${word.slice(1)}${pick(SUFFIXES)}`;
      const links = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * rnd() * 3) }, () => pick(ingredients)))];
      return { id: randomUUID(), name, registry: String(100000000 + n), links };
    });
    await db.medication.createMany({
      data: batch.map((b) => ({
        id: b.id, kind: "PRODUCT" as const, name: b.name, searchName: b.name.toLowerCase(), brandName: b.name, anvisaRegistry: b.registry, source: "bench",
      })),
    });
    await db.medicationIngredient.createMany({ data: batch.flatMap((b) => b.links.map((ingredientId, position) => ({ medicationId: b.id, ingredientId, position }))) });
  }
}

async function clinicWithItems(db: SeedDb, items: number): Promise<string> {
  const tenantId = randomUUID();
  await db.$executeRaw`INSERT INTO tenants (id, slug, name, legal_name, cnpj, status, settings, time_zone, updated_at)
    VALUES (${tenantId}::uuid, 'bench', 'Clínica Bench', 'Clínica Bench Ltda', '11222333000181', 'ACTIVE', '{}', 'America/Sao_Paulo', now())`;
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
    await tx.clinicMedication.createMany({
      data: Array.from({ length: items }, (_, i) => ({ name: `Fórmula manipulada ${i + 1}`, searchName: `formula manipulada ${i + 1}`, createdBy: tenantId })),
    });
  });
  return tenantId;
}

function percentiles(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return { n: sorted.length, p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), max: round(sorted[sorted.length - 1]!) };
}

async function run(rounds: number, products: number) {
  const name = freshDatabaseName("prontivus_bench_medications");
  await adminQuery(`CREATE DATABASE ${name}`);
  try {
    const database = databaseEnv(name);
    Object.assign(process.env, testSecrets(), database);
    await migrate(database.DATABASE_URL, { log: () => {}, appRolePassword: TEST_APP_PASSWORD });
    const seed = createSeedClient(database.DATABASE_URL);
    let tenantId: string;
    try {
      await seedDrugCatalogue(seed);
      await syntheticProducts(seed, products);
      tenantId = await clinicWithItems(seed, 200);
    } finally {
      await seed.$disconnect();
    }
    // Imported after the environment is set: lib/env reads it on first use.
    const { drugCatalogue } = await import("../../lib/prescriptions/catalogue/catalogue");
    const { searchMedications } = await import("../../lib/prescriptions/catalogue/search");
    const { parseQuery, rank } = await import("../../lib/prescriptions/catalogue/rank");
    const { forgetClinicItems } = await import("../../lib/prescriptions/catalogue/clinic-search");
    const { disconnectDb } = await import("../../lib/db/client");
    const loadStart = performance.now();
    const catalogue = await drugCatalogue();
    const loadMs = performance.now() - loadStart;
    const ctx = {
      tenantId, tenantSlug: "bench", timeZone: "America/Sao_Paulo", user: { id: tenantId, name: "Bench", email: "bench@example.test" },
      roles: ["doctor" as const], permissions: new Set(["prescriptions:write"]), requestId: "bench", ip: null, userAgent: null,
    };
    for (const q of MIX) await searchMedications(ctx, q); // warm-up (JIT, pool)
    const times: number[] = [];
    const rankTimes: number[] = [];
    const coldTimes: number[] = [];
    const perQuery = new Map<string, number[]>();
    for (let r = 0; r < rounds; r++) {
      for (const q of MIX) {
        const t = performance.now();
        await searchMedications(ctx, q);
        const ms = performance.now() - t;
        times.push(ms);
        perQuery.set(q, [...(perQuery.get(q) ?? []), ms]);
        const t2 = performance.now();
        rank([], catalogue.index, parseQuery(q), 20);
        rankTimes.push(performance.now() - t2);
        // As when the clinic's cached list has just expired: its items read in a tenant transaction.
        forgetClinicItems(tenantId);
        const t3 = performance.now();
        await searchMedications(ctx, q);
        coldTimes.push(performance.now() - t3);
      }
    }
    await disconnectDb();
    const slowest = [...perQuery].map(([q, ts]) => ({ q, ...percentiles(ts) })).sort((a, b) => b.p50 - a.p50).slice(0, 5);
    return {
      medications: catalogue.medications.size, entries: catalogue.index.entries.length, ingredients: catalogue.ingredients.size,
      loadMs: Math.round(loadMs), slowest, rank: percentiles(rankTimes), cold: percentiles(coldTimes), ...percentiles(times),
    };
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

const rounds = Number(args.rounds);
const products = Number(args.products);
console.log(`Medication search benchmark — ${MIX.length} queries per round (every prefix of ${QUERIES.length} queries), ${rounds} rounds`);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}; node ${process.version}`);
const r = await run(rounds, products);
console.log(`catalogue: ${r.ingredients} ingredients, ${r.medications} medications (${r.entries} distinct search entries); load ${r.loadMs} ms once`);
console.log("searchMedications (permission + the clinic's 200 items, kept per clinic for 10 s + ranking):");
console.log(`  n=${r.n}  p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms  max ${r.max} ms  (target p95 ≤ 15 ms: ${r.p95 <= 15 ? "met" : "MISSED"})`);
console.log(`  ranking alone: p50 ${r.rank.p50} ms  p95 ${r.rank.p95} ms  p99 ${r.rank.p99} ms`);
console.log(`  clinic list just expired (read in a tenant transaction): p50 ${r.cold.p50} ms  p95 ${r.cold.p95} ms  p99 ${r.cold.p99} ms`);
console.log(`  slowest queries by median: ${r.slowest.map((s) => `"${s.q}" p50 ${s.p50} / p95 ${s.p95} ms`).join("; ")}`);
process.exit(r.p95 <= 15 ? 0 : 1);
