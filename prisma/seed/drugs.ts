import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { DRUG_CLASSES } from "@/lib/prescriptions/catalogue/classes";
import { drugSearchName } from "@/lib/prescriptions/catalogue/normalize";
import type { SeedDb, SeedTx } from "./db";
import { readCsv } from "./csv";

// The curated drug catalogue (prisma/data/drugs/README.md says where each file comes from):
// DCB ingredients with their Portaria 344 list, antimicrobial flag and classes; the generic
// presentations a doctor prescribes; the interaction pairs with their references. Reconciled on
// every run (the files are a few hundred rows): rows are added or updated to match the files,
// and a second run writes nothing. Products imported from ANVISA (`npm run drugs:import`) are
// left alone.

const DIR = fileURLToPath(new URL("../data/drugs/", import.meta.url));
const CONTROL_LISTS = new Set(["A1", "A2", "A3", "B1", "B2", "C1", "C2", "C3", "C4", "C5"]);
const SEVERITIES = new Set(["CONTRAINDICATED", "MAJOR", "MODERATE", "MINOR"]);
const CLASSES = new Set<string>(DRUG_CLASSES);
export const CURATED_SOURCES = ["RENAME 2024", "Prontivus (curadoria)"] as const;

type IngredientData = {
  name: string; searchName: string; atcCode: string | null; controlList: string | null; antimicrobial: boolean;
  classes: string[]; aliases: string[]; source: string;
};
type GenericData = {
  key: string; name: string; searchName: string; strength: string; form: string; route: string; source: string; ingredients: string[];
};
type InteractionData = {
  a: string; b: string; severity: "CONTRAINDICATED" | "MAJOR" | "MODERATE" | "MINOR"; effect: string; management: string;
  source: string; sourceUrl: string | null;
};

const list = (value: string) => value.split("|").map((v) => v.trim()).filter(Boolean);

export function readIngredients(): IngredientData[] {
  const rows = readCsv(DIR + "ingredients.csv", ["name", "atc", "control_list", "antimicrobial", "classes", "aliases", "source"]);
  const seen = new Set<string>();
  return rows.map((r, i) => {
    const where = `ingredients.csv line ${i + 2} (${r.name})`;
    const searchName = drugSearchName(r.name);
    if (!r.name || r.name !== r.name.toLowerCase() || seen.has(searchName)) throw new Error(`${where}: name missing, not lower case or repeated`);
    seen.add(searchName);
    if (r.control_list && !CONTROL_LISTS.has(r.control_list)) throw new Error(`${where}: unknown list ${r.control_list}`);
    const classes = list(r.classes);
    const unknown = classes.find((c) => !CLASSES.has(c));
    if (unknown) throw new Error(`${where}: unknown class ${unknown} (lib/prescriptions/catalogue/classes.ts)`);
    if (!(CURATED_SOURCES as readonly string[]).includes(r.source)) throw new Error(`${where}: unknown source ${r.source}`);
    const aliases = [...new Set(list(r.aliases).map(drugSearchName))].filter((a) => a !== searchName).sort();
    return {
      name: r.name, searchName, atcCode: r.atc || null, controlList: r.control_list || null,
      antimicrobial: r.antimicrobial === "1", classes, aliases, source: r.source,
    };
  });
}

function readGenerics(ingredients: Map<string, IngredientData>): GenericData[] {
  const rows = readCsv(DIR + "presentations.csv", ["ingredients", "display", "strength", "form", "route"]);
  const seen = new Set<string>();
  return rows.map((r, i) => {
    const names = r.ingredients.split(" + ").map((n) => n.trim());
    const missing = names.find((n) => !ingredients.has(n));
    if (missing || !r.strength || !r.form || !r.route) throw new Error(`presentations.csv line ${i + 2}: unknown ingredient ${missing ?? ""} or empty field`);
    const name = `${r.display || names.join(" + ")} ${r.strength} ${r.form}`;
    const key = `${drugSearchName(name)}|${r.route}`;
    if (seen.has(key)) throw new Error(`presentations.csv line ${i + 2}: repeated presentation ${name} (${r.route})`);
    seen.add(key);
    const rename = names.every((n) => ingredients.get(n)!.source === "RENAME 2024");
    return {
      key, name, searchName: drugSearchName(name), strength: r.strength, form: r.form, route: r.route,
      source: rename ? "RENAME 2024" : "Prontivus (curadoria)", ingredients: names,
    };
  });
}

type InteractionRow = Omit<InteractionData, "a" | "b"> & { names: [string, string] };

function readInteractions(ingredients: Map<string, IngredientData>): InteractionRow[] {
  const sources = new Map(readCsv(DIR + "sources.csv", ["key", "citation", "url"]).map((s) => [s.key, s]));
  const rows = readCsv(DIR + "interactions.csv", ["ingredient_a", "ingredient_b", "severity", "effect", "management", "sources"]);
  const seen = new Set<string>();
  return rows.map((r, i) => {
    const where = `interactions.csv line ${i + 2}`;
    const names: [string, string] = [r.ingredient_a, r.ingredient_b];
    if (!names.every((n) => ingredients.has(n)) || names[0] === names[1]) throw new Error(`${where}: unknown or repeated ingredient`);
    const pair = [...names].sort().join("|");
    if (seen.has(pair)) throw new Error(`${where}: pair ${pair} appears twice`);
    seen.add(pair);
    if (!SEVERITIES.has(r.severity) || !r.effect || !r.management) throw new Error(`${where}: severity, effect and management are required`);
    const refs = r.sources.split(",").map((k) => sources.get(k.trim()));
    if (refs.length === 0 || refs.some((s) => !s)) throw new Error(`${where}: unknown source ${r.sources}`);
    return {
      names, severity: r.severity as InteractionData["severity"], effect: r.effect, management: r.management,
      source: refs.map((s) => s!.citation).join(" · "), sourceUrl: refs.find((s) => s!.url)?.url || null,
    };
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function reconcileIngredients(tx: SeedTx, wanted: IngredientData[]): Promise<{ ids: Map<string, string>; changed: number }> {
  // Keyed by the normalised name: an ingredient the ANVISA import created ("ANVISA dados
  // abertos") and later curated here is the same row, upgraded with its list and classes.
  const have = new Map((await tx.drugIngredient.findMany()).map((r) => [r.searchName, r]));
  const create = wanted.filter((w) => !have.has(w.searchName));
  let changed = create.length;
  if (create.length) await tx.drugIngredient.createMany({ data: create, skipDuplicates: true });
  for (const w of wanted) {
    const row = have.get(w.searchName);
    if (!row) continue;
    const current = {
      name: row.name, searchName: row.searchName, atcCode: row.atcCode, controlList: row.controlList, antimicrobial: row.antimicrobial,
      classes: row.classes, aliases: row.aliases, source: row.source,
    };
    if (!same(current, w)) { await tx.drugIngredient.update({ where: { id: row.id }, data: w }); changed++; }
  }
  const ids = new Map((await tx.drugIngredient.findMany({ select: { id: true, name: true } })).map((r) => [r.name, r.id]));
  return { ids, changed };
}

async function reconcileGenerics(tx: SeedTx, wanted: GenericData[], ids: Map<string, string>): Promise<number> {
  const have = new Map((await tx.medication.findMany({
    where: { kind: "GENERIC", source: { in: [...CURATED_SOURCES] } },
    select: { id: true, name: true, strength: true, form: true, route: true, source: true, ingredients: { select: { ingredientId: true, position: true }, orderBy: { position: "asc" } } },
  })).map((m) => [`${drugSearchName(m.name)}|${m.route}`, m]));
  let changed = 0;
  const fresh: { id: string; data: GenericData }[] = [];
  for (const g of wanted) {
    const links = g.ingredients.map((n) => ids.get(n)!);
    const row = have.get(g.key);
    const fields = { name: g.name, searchName: g.searchName, strength: g.strength, form: g.form, route: g.route, source: g.source };
    if (!row) { fresh.push({ id: randomUUID(), data: g }); continue; }
    if (!same({ name: row.name, strength: row.strength, form: row.form, route: row.route, source: row.source }, { name: g.name, strength: g.strength, form: g.form, route: g.route, source: g.source })) {
      await tx.medication.update({ where: { id: row.id }, data: fields });
      changed++;
    }
    if (!same(row.ingredients.map((i) => i.ingredientId), links)) {
      // The update bumps updated_at, which tells running apps their cached catalogue is stale.
      await tx.medication.update({ where: { id: row.id }, data: fields });
      await tx.medicationIngredient.deleteMany({ where: { medicationId: row.id } });
      await tx.medicationIngredient.createMany({ data: links.map((ingredientId, position) => ({ medicationId: row.id, ingredientId, position })) });
      changed++;
    }
  }
  if (fresh.length) {
    await tx.medication.createMany({
      data: fresh.map(({ id, data: g }) => ({
        id, kind: "GENERIC" as const, name: g.name, searchName: g.searchName, strength: g.strength, form: g.form, route: g.route, source: g.source,
      })),
    });
    await tx.medicationIngredient.createMany({
      data: fresh.flatMap(({ id, data: g }) => g.ingredients.map((n, position) => ({ medicationId: id, ingredientId: ids.get(n)!, position }))),
    });
    changed += fresh.length;
  }
  return changed;
}

async function reconcileInteractions(tx: SeedTx, wanted: InteractionRow[], ids: Map<string, string>): Promise<number> {
  const have = new Map((await tx.drugInteraction.findMany()).map((r) => [`${r.ingredientAId}|${r.ingredientBId}`, r]));
  let changed = 0;
  const create: InteractionData[] = [];
  for (const w of wanted) {
    // One row per unordered pair, the smaller id first (CHECK drug_interactions_pair_order).
    const [a, b] = w.names.map((n) => ids.get(n)!).sort() as [string, string];
    const data = { severity: w.severity, effect: w.effect, management: w.management, source: w.source, sourceUrl: w.sourceUrl };
    const row = have.get(`${a}|${b}`);
    if (!row) { create.push({ a, b, ...data }); continue; }
    if (!same({ severity: row.severity, effect: row.effect, management: row.management, source: row.source, sourceUrl: row.sourceUrl }, data)) {
      await tx.drugInteraction.update({ where: { id: row.id }, data });
      changed++;
    }
  }
  if (create.length) {
    await tx.drugInteraction.createMany({
      data: create.map(({ a, b, ...data }) => ({ ingredientAId: a, ingredientBId: b, ...data })), skipDuplicates: true,
    });
    changed += create.length;
  }
  return changed;
}

export type DrugSeedCounts = { ingredients: number; generics: number; interactions: number; changed: number };

/** Idempotent; one transaction, serialised by an advisory lock so parallel test workers never race. */
export async function seedDrugCatalogue(db: SeedDb): Promise<DrugSeedCounts> {
  const ingredients = readIngredients();
  const byName = new Map(ingredients.map((i) => [i.name, i]));
  const generics = readGenerics(byName);
  const interactions = readInteractions(byName);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('prontivus:drug-catalogue'))`;
    const { ids, changed } = await reconcileIngredients(tx, ingredients);
    const g = await reconcileGenerics(tx, generics, ids);
    const n = await reconcileInteractions(tx, interactions, ids);
    return { ingredients: ingredients.length, generics: generics.length, interactions: interactions.length, changed: changed + g + n };
  }, { timeout: 120_000, maxWait: 60_000 });
}
