import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { classifyRecord, decodeAnvisaFile, parseAnvisaCsv, type AnvisaProduct } from "./anvisa-csv";
import { drugSearchName, stripSalt } from "./normalize";

// `npm run drugs:import -- <file>`: ANVISA's registered medicines into the catalogue as PRODUCT
// medications, keyed by NUMERO_REGISTRO_PRODUTO and linked to the curated ingredients. Runs as
// the schema owner (the app role cannot write reference data), in one transaction serialised
// with the seed by the same advisory lock. Idempotent: a product whose fields and links match is
// left alone, so a second run of the same file writes nothing.
//
// Decisions (docs/prescriptions.md, "ANVISA import"):
// - Kept: SITUACAO_REGISTRO "VÁLIDO". Others are counted by status; a product imported earlier
//   whose registration is no longer valid is removed, unless a prescription already points at
//   it (then it stays, and is counted). Registrations absent from the file are left alone: a
//   partial file never empties the catalogue.
// - Ingredients: matched on the curated names and aliases, then on the active moiety of a salt
//   or hydrate ("CLORIDRATO DE SERTRALINA" → sertralina). An ingredient that still does not
//   match is created with source "ANVISA dados abertos" so that the product can be found by it
//   and an allergy to it written in free text still matches; it has no Portaria 344 list, no
//   antimicrobial flag and no class until curated, which is why the report lists every such
//   ingredient with its product count: those are the lines to add to prisma/data/drugs.

export const ANVISA_SOURCE = "ANVISA dados abertos";
const BATCH = 1000;

export type AnvisaImportReport = {
  encoding: "utf-8" | "latin1";
  rows: number;
  valid: number;
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** No longer valid but referenced by a prescription: kept. */
  keptReferenced: number;
  skipped: { notValid: Record<string, number>; notMedicine: number; malformed: number; noIngredient: number; duplicateRegistry: number };
  /** Ingredients not in the curated catalogue, most frequent first; `created` when this run added them. */
  unmapped: { name: string; products: number; created: boolean }[];
};

type Db = PrismaClient;
type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Existing = { id: string; name: string; brandName: string | null; holder: string | null; regulatoryCategory: string | null; therapeuticClass: string | null; registryValidUntil: Date | null; ingredientIds: string[] };

export type ImportOptions = { onProgress?: (stage: string, done: number, total: number) => void };

/** Resolves written ingredient names to ids, creating the unknown ones (see the decisions above). */
async function ingredientResolver(tx: Tx, report: AnvisaImportReport) {
  const byName = new Map<string, { id: string; name: string; searchName: string; curated: boolean }>();
  for (const i of await tx.drugIngredient.findMany({ select: { id: true, name: true, searchName: true, aliases: true, source: true } })) {
    const info = { id: i.id, name: i.name, searchName: i.searchName, curated: i.source !== ANVISA_SOURCE };
    for (const n of [i.searchName, ...(i.aliases ?? [])]) if (!byName.has(n)) byName.set(n, info);
  }
  // Everything not curated, this run's and earlier runs' alike: the report lists them all.
  const unmapped = new Map<string, { name: string; products: number; created: boolean }>();
  const count = (key: string, name: string) => {
    const entry = unmapped.get(key) ?? { name, products: 0, created: false };
    entry.products++;
    unmapped.set(key, entry);
    return entry;
  };
  return {
    resolve(written: string): string | null {
      const norm = drugSearchName(written);
      const known = byName.get(norm) ?? byName.get(stripSalt(norm));
      if (known) {
        if (!known.curated) count(known.searchName, known.name);
        return known.id;
      }
      const key = stripSalt(norm);
      if (!/[a-z]/.test(key) || key.length > 200) return null;
      count(key, written.toLowerCase().trim().slice(0, 200));
      return `new:${key}`;
    },
    /** Creates this run's unknown ingredients (earlier runs' are found by name) and returns their ids. */
    async createUnknown(): Promise<Map<string, string>> {
      const ids = new Map<string, string>();
      const known = new Set([...byName.values()].map((i) => i.searchName));
      const fresh = [...unmapped].filter(([key]) => !known.has(key)).map(([key, e]) => ({ key, e, id: randomUUID() }));
      if (fresh.length) {
        await tx.drugIngredient.createMany({
          data: fresh.map(({ key, e, id }) => ({ id, name: e.name, searchName: key, source: ANVISA_SOURCE })), skipDuplicates: true,
        });
        // skipDuplicates may have kept an older row of the same name: read the ids back.
        const rows = await tx.drugIngredient.findMany({ where: { searchName: { in: fresh.map((f) => f.key) } }, select: { id: true, searchName: true } });
        for (const r of rows) ids.set(r.searchName, r.id);
        for (const f of fresh) f.e.created = true;
      }
      report.unmapped = [...unmapped.values()].sort((a, b) => b.products - a.products || (a.name < b.name ? -1 : 1))
        .map(({ name, products, created }) => ({ name, products, created }));
      return ids;
    },
  };
}

const sameProduct = (row: Existing, p: AnvisaProduct, ingredientIds: string[]) =>
  row.name === p.name && row.brandName === p.brandName && row.holder === p.holder && row.regulatoryCategory === p.regulatoryCategory
  && row.therapeuticClass === p.therapeuticClass && (row.registryValidUntil?.getTime() ?? null) === (p.registryValidUntil?.getTime() ?? null)
  && row.ingredientIds.join(",") === ingredientIds.join(",");

async function existingProducts(tx: Tx): Promise<Map<string, Existing>> {
  const rows = await tx.medication.findMany({
    where: { kind: "PRODUCT", anvisaRegistry: { not: null } },
    select: {
      id: true, anvisaRegistry: true, name: true, brandName: true, holder: true, regulatoryCategory: true, therapeuticClass: true, registryValidUntil: true,
      ingredients: { select: { ingredientId: true }, orderBy: { position: "asc" } },
    },
  });
  return new Map(rows.map((r) => [r.anvisaRegistry!, { ...r, ingredientIds: r.ingredients.map((i) => i.ingredientId) }]));
}

const productData = (p: AnvisaProduct) => ({
  name: p.name, searchName: drugSearchName(p.name), brandName: p.brandName, holder: p.holder, regulatoryCategory: p.regulatoryCategory,
  therapeuticClass: p.therapeuticClass, registryValidUntil: p.registryValidUntil,
});

export async function importAnvisaFile(db: Db, bytes: Uint8Array, options: ImportOptions = {}): Promise<AnvisaImportReport> {
  const progress = options.onProgress ?? (() => {});
  const { text, encoding } = decodeAnvisaFile(bytes);
  const records = parseAnvisaCsv(text);
  const report: AnvisaImportReport = {
    encoding, rows: records.length, valid: 0, created: 0, updated: 0, unchanged: 0, removed: 0, keptReferenced: 0,
    skipped: { notValid: {}, notMedicine: 0, malformed: 0, noIngredient: 0, duplicateRegistry: 0 }, unmapped: [],
  };
  const products = new Map<string, AnvisaProduct>();
  const withdrawn = new Set<string>();
  records.forEach((record, i) => {
    const verdict = classifyRecord(record);
    if (verdict.kind === "product") {
      if (products.has(verdict.product.registry)) report.skipped.duplicateRegistry++;
      else products.set(verdict.product.registry, verdict.product);
    } else if (verdict.kind === "not_valid") {
      report.skipped.notValid[verdict.status] = (report.skipped.notValid[verdict.status] ?? 0) + 1;
      withdrawn.add(verdict.registry);
    } else if (verdict.kind === "not_medicine") report.skipped.notMedicine++;
    else if (verdict.kind === "malformed") report.skipped.malformed++;
    else report.skipped.noIngredient++;
    if ((i + 1) % 5000 === 0) progress("read", i + 1, records.length);
  });
  report.valid = products.size;
  // A registration valid in one row of the file is valid, whatever an older row says.
  for (const registry of products.keys()) withdrawn.delete(registry);

  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('prontivus:drug-catalogue'))`;
    const resolver = await ingredientResolver(tx, report);
    const links = new Map([...products].map(([registry, p]) => [registry, p.ingredients.map((n) => resolver.resolve(n))]));
    const created = await resolver.createUnknown();
    const idsOf = (registry: string) => [...new Set(links.get(registry)!.map((id) => (id?.startsWith("new:") ? created.get(id.slice(4)) : id))
      .filter((id): id is string => !!id))];
    const have = await existingProducts(tx);
    const fresh: { id: string; p: AnvisaProduct; ingredientIds: string[] }[] = [];
    let done = 0;
    for (const [registry, p] of products) {
      const ingredientIds = idsOf(registry);
      const row = have.get(registry);
      if (!row) fresh.push({ id: randomUUID(), p, ingredientIds });
      else if (sameProduct(row, p, ingredientIds)) report.unchanged++;
      else {
        await tx.medication.update({ where: { id: row.id }, data: productData(p) });
        await tx.medicationIngredient.deleteMany({ where: { medicationId: row.id } });
        await tx.medicationIngredient.createMany({ data: ingredientIds.map((ingredientId, position) => ({ medicationId: row.id, ingredientId, position })) });
        report.updated++;
      }
      if (++done % 5000 === 0) progress("compare", done, products.size);
    }
    for (let i = 0; i < fresh.length; i += BATCH) {
      const batch = fresh.slice(i, i + BATCH);
      await tx.medication.createMany({
        data: batch.map(({ id, p }) => ({ id, kind: "PRODUCT" as const, anvisaRegistry: p.registry, source: ANVISA_SOURCE, ...productData(p) })),
      });
      await tx.medicationIngredient.createMany({
        data: batch.flatMap(({ id, ingredientIds }) => ingredientIds.map((ingredientId, position) => ({ medicationId: id, ingredientId, position }))),
      });
      report.created += batch.length;
      progress("write", Math.min(i + BATCH, fresh.length), fresh.length);
    }
  }, { timeout: 30 * 60_000, maxWait: 60_000 });

  await removeWithdrawn(db, withdrawn, report);
  return report;
}

/**
 * Products whose registration the file says is no longer valid leave the catalogue. One statement
 * each, outside the import's transaction: a product a prescription points at fails its foreign
 * key and is kept (counted), without undoing the rest. The app role's prescriptions are behind
 * row-level security, so asking first would not see them; the constraint is the honest check.
 */
async function removeWithdrawn(db: Db, withdrawn: Set<string>, report: AnvisaImportReport): Promise<void> {
  if (withdrawn.size === 0) return;
  const rows = await db.medication.findMany({ where: { anvisaRegistry: { in: [...withdrawn] }, source: ANVISA_SOURCE }, select: { id: true } });
  for (const { id } of rows) {
    try {
      await db.medication.delete({ where: { id } });
      report.removed++;
    } catch (error) {
      if ((error as { code?: string }).code !== "P2003") throw error;
      report.keptReferenced++;
    }
  }
}
