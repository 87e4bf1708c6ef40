import type { DrugCatalogueRows, DrugIngredientRow, DrugInteractionRow, MedicationRow } from "@/lib/db/reference";
import { effectiveClasses, strictestControlList } from "./classes";
import { drugSearchName } from "./normalize";
import { buildRankIndex, type RankIndex, type SearchEntry } from "./rank";
import type { MedicationHit, MedicationHitIngredient } from "./schemas";

// The drug catalogue in memory: ingredients by id and by every name they go by, every
// medication as the hit the picker shows, the search index over names (rank.ts), and the
// interaction pairs.

export type IngredientInfo = MedicationHitIngredient & { searchName: string; aliases: string[] };

export type DrugCatalogue = {
  ingredients: ReadonlyMap<string, IngredientInfo>;
  /** Every normalised name and alias of an ingredient. */
  ingredientsByName: ReadonlyMap<string, IngredientInfo>;
  medications: ReadonlyMap<string, MedicationHit>;
  /** Distinct search entries (products registered many times under one name appear once). */
  index: RankIndex;
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

export function buildDrugCatalogue(rows: DrugCatalogueRows): DrugCatalogue {
  const ingredients = new Map(rows.ingredients.map((r) => [r.id, ingredientInfo(r)]));
  const ingredientsByName = new Map<string, IngredientInfo>();
  for (const i of ingredients.values()) {
    for (const n of [i.searchName, ...i.aliases]) if (!ingredientsByName.has(n)) ingredientsByName.set(n, i);
  }
  const medications = new Map<string, MedicationHit>();
  const brands = new Map<string, string[]>();
  const distinct = new Map<string, SearchEntry>();
  const generics: SearchEntry[] = [];
  const products: SearchEntry[] = [];
  for (const m of rows.medications) {
    const own = m.ingredientIds.map((id) => ingredients.get(id)).filter((i): i is IngredientInfo => i !== undefined);
    const hit = hitOf("catalogue", m, own);
    medications.set(m.id, hit);
    if (m.brandName) {
      const brand = drugSearchName(m.brandName);
      if (!brands.has(brand) && own.length) brands.set(brand, own.map((i) => i.id));
    }
    const key = `${m.kind}|${m.searchName}|${m.strength}|${m.form}|${m.route}|${m.ingredientIds.join(",")}`;
    if (distinct.has(key)) continue;
    const entry = searchEntry(hit);
    distinct.set(key, entry);
    (m.kind === "GENERIC" ? generics : products).push(entry);
  }
  const interactions = new Map(rows.interactions.map((r) => [pairKey(r.ingredientAId, r.ingredientBId), r]));
  return { ingredients, ingredientsByName, medications, index: buildRankIndex(generics, products), brands, interactions };
}
