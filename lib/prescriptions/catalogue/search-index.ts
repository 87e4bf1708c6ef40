import type { DrugCatalogueRows, DrugIngredientRow, DrugInteractionRow, MedicationRow } from "@/lib/db/reference";
import { effectiveClasses, strictestControlList } from "./classes";
import { drugSearchName } from "./normalize";
import type { MedicationHit, MedicationHitIngredient } from "./schemas";

// The drug catalogue in memory: ingredients by id and by every name they go by, every
// medication as the hit the picker shows, the interaction pairs, and the search over names.
//
// Ranking, best first: the name starts with the query ("amox" → "amoxicilina 500 mg cápsula",
// "Amoxil") > every query word starts a word of the name or of an ingredient ("amoxicilina" →
// "Amoxil") > every query word appears inside those words ("cilina"). Within a tier the clinic's
// own items come first, then generic presentations, then registered products, each in
// alphabetical order. Entries are kept sorted that way, so one pass fills the tiers already in
// order and stops as soon as the first tier holds `limit` hits; at ~40k products a full pass is a
// few milliseconds (npm run bench:medications).

export type IngredientInfo = MedicationHitIngredient & { searchName: string; aliases: string[] };

export type SearchEntry = {
  hit: MedicationHit;
  /** Normalised display name. */
  norm: string;
  /** Normalised words of the name and of the ingredient names. */
  words: string[];
  /** The words joined: `includes` on it finds a token inside any of them. */
  haystack: string;
};

export type DrugCatalogue = {
  ingredients: ReadonlyMap<string, IngredientInfo>;
  /** Every normalised name and alias of an ingredient. */
  ingredientsByName: ReadonlyMap<string, IngredientInfo>;
  medications: ReadonlyMap<string, MedicationHit>;
  /** Distinct search entries (products registered many times under one name appear once). */
  entries: readonly SearchEntry[];
  /** Normalised brand → ingredient ids: a free-text "Amoxil 500" is still amoxicilina. */
  brands: ReadonlyMap<string, readonly string[]>;
  interactions: ReadonlyMap<string, DrugInteractionRow>;
};

export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

function ingredientInfo(row: DrugIngredientRow): IngredientInfo {
  return {
    id: row.id, name: row.name, controlList: row.controlList, antimicrobial: row.antimicrobial,
    classes: effectiveClasses(row.classes), searchName: row.searchName, aliases: row.aliases,
  };
}

export const publicIngredient = (i: IngredientInfo): MedicationHitIngredient =>
  ({ id: i.id, name: i.name, controlList: i.controlList, antimicrobial: i.antimicrobial, classes: i.classes });

const presentationOf = (m: { strength: string | null; form: string | null; route: string | null }) =>
  [m.strength, m.form, m.route].filter(Boolean).join(", ") || null;

export function hitOf(
  source: MedicationHit["source"], row: Pick<MedicationRow, "id" | "name" | "brandName" | "strength" | "form" | "route"> & { presentation?: string | null },
  ingredients: readonly IngredientInfo[],
): MedicationHit {
  return {
    source, id: row.id, name: row.name, brandName: row.brandName,
    presentation: row.presentation !== undefined ? row.presentation : presentationOf(row),
    strength: row.strength, form: row.form, route: row.route,
    ingredients: ingredients.map(publicIngredient),
    controlList: strictestControlList(ingredients.map((i) => i.controlList)),
    antimicrobial: ingredients.some((i) => i.antimicrobial),
  };
}

export function searchEntry(hit: MedicationHit, extra: readonly string[] = []): SearchEntry {
  const norm = drugSearchName(hit.name);
  const words = [...new Set([norm, ...hit.ingredients.map((i) => drugSearchName(i.name)), ...extra].join(" ").split(" ").filter(Boolean))];
  return { hit, norm, words, haystack: words.join(" ") };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildDrugCatalogue(rows: DrugCatalogueRows): DrugCatalogue {
  const ingredients = new Map(rows.ingredients.map((r) => [r.id, ingredientInfo(r)]));
  const ingredientsByName = new Map<string, IngredientInfo>();
  for (const i of ingredients.values()) {
    for (const n of [i.searchName, ...i.aliases]) if (!ingredientsByName.has(n)) ingredientsByName.set(n, i);
  }
  const medications = new Map<string, MedicationHit>();
  const brands = new Map<string, string[]>();
  const distinct = new Map<string, { entry: SearchEntry; kind: number }>();
  for (const m of rows.medications) {
    const own = m.ingredientIds.map((id) => ingredients.get(id)).filter((i): i is IngredientInfo => i !== undefined);
    const hit = hitOf("catalogue", m, own);
    medications.set(m.id, hit);
    if (m.brandName) {
      const brand = drugSearchName(m.brandName);
      if (!brands.has(brand) && own.length) brands.set(brand, own.map((i) => i.id));
    }
    const key = `${m.kind}|${m.searchName}|${m.strength}|${m.form}|${m.route}|${m.ingredientIds.join(",")}`;
    if (!distinct.has(key)) distinct.set(key, { entry: searchEntry(hit), kind: m.kind === "GENERIC" ? 0 : 1 });
  }
  const entries = [...distinct.values()]
    .sort((a, b) => a.kind - b.kind || byText(a.entry.norm, b.entry.norm) || byText(a.entry.hit.id, b.entry.hit.id))
    .map((d) => d.entry);
  const interactions = new Map(rows.interactions.map((r) => [pairKey(r.ingredientAId, r.ingredientBId), r]));
  return { ingredients, ingredientsByName, medications, entries, brands, interactions };
}

export type Query = { whole: string; tokens: string[] };

export function parseQuery(query: string): Query {
  const whole = drugSearchName(query);
  return { whole, tokens: [...new Set(whole.split(" ").filter(Boolean))] };
}

/** 0 name prefix, 1 every token starts a word, 2 every token inside a word, null no match. */
export function tierOf(entry: SearchEntry, q: Query): number | null {
  if (q.tokens.length === 0) return null;
  if (entry.norm.startsWith(q.whole)) return 0;
  if (q.tokens.every((t) => entry.words.some((w) => w.startsWith(t)))) return 1;
  if (q.tokens.every((t) => entry.haystack.includes(t))) return 2;
  return null;
}

/**
 * The best `limit` entries, `first` (the clinic's items, already in their order) ahead of the
 * catalogue's within each tier.
 */
export function rankEntries(first: readonly SearchEntry[], rest: readonly SearchEntry[], q: Query, limit: number): MedicationHit[] {
  const tiers: MedicationHit[][] = [[], [], []];
  const add = (entry: SearchEntry) => {
    const tier = tierOf(entry, q);
    if (tier !== null && tiers[tier]!.length < limit) tiers[tier]!.push(entry.hit);
    return tier;
  };
  for (const e of first) add(e);
  for (const e of rest) {
    add(e);
    if (tiers[0]!.length >= limit) break;
  }
  return tiers.flat().slice(0, limit);
}
