import type { DrugClass } from "@/lib/prescriptions/catalogue/classes";
import { drugSearchName } from "@/lib/prescriptions/catalogue/normalize";
import type { DrugCatalogue, IngredientInfo } from "@/lib/prescriptions/catalogue/search-index";
import { CLASS_WORDS, INGREDIENT_WORDS } from "./synonyms";

// Text to ingredients and classes: a free-text prescription item ("Cloridrato de sertralina
// 50 mg", "Amoxil BD"), a clinic item without a coded ingredient, an allergy typed as "Penicilina"
// or "AAS e sulfa". Every name an ingredient goes by (DCB name, aliases such as "metamizol"), the
// brands the catalogue knows, and the class words of synonyms.ts are phrases; a phrase matches
// where its words appear in a row in the text (a plural "s" ignored), so salts, strengths and
// extra words around a name do not hide it.

type Phrase = { words: string[]; ingredients: readonly string[]; classes: readonly DrugClass[] };
type PhraseIndex = Map<string, Phrase[]>;

export type TextMatch = { ingredients: Set<string>; classes: Set<DrugClass> };

/** Brands shorter than this are too likely to be an ordinary word in an allergy note. */
const MIN_BRAND = 4;

const singular = (w: string) => (w.length > 3 && w.endsWith("s") ? w.slice(0, -1) : w);
const sameWord = (a: string, b: string) => a === b || singular(a) === singular(b);

const indexes = new WeakMap<DrugCatalogue, { drugs: PhraseIndex; withClasses: PhraseIndex }>();

function add(index: PhraseIndex, text: string, ingredients: readonly string[], classes: readonly DrugClass[]) {
  const words = drugSearchName(text).split(" ").filter(Boolean);
  if (words.length === 0) return;
  const key = singular(words[0]!);
  const list = index.get(key);
  const phrase = { words, ingredients, classes };
  if (list) list.push(phrase);
  else index.set(key, [phrase]);
}

function phraseIndexes(catalogue: DrugCatalogue) {
  let built = indexes.get(catalogue);
  if (built) return built;
  const drugs: PhraseIndex = new Map();
  for (const i of catalogue.ingredients.values()) for (const n of [i.searchName, ...i.aliases]) add(drugs, n, [i.id], []);
  for (const [brand, ids] of catalogue.brands) if (brand.length >= MIN_BRAND) add(drugs, brand, ids, []);
  for (const [word, names] of INGREDIENT_WORDS) {
    const ids = names.map((n) => catalogue.ingredientsByName.get(drugSearchName(n))?.id).filter((id): id is string => !!id);
    if (ids.length) add(drugs, word, ids, []);
  }
  const withClasses: PhraseIndex = new Map([...drugs].map(([k, v]) => [k, [...v]]));
  for (const [word, classes] of CLASS_WORDS) add(withClasses, word, [], classes);
  built = { drugs, withClasses };
  indexes.set(catalogue, built);
  return built;
}

/**
 * The ingredients (and, with `classes`, the class words) a text names. Drug items use
 * `classes: false`: an item called "anti-inflamatório" names no drug to check.
 */
export function matchText(catalogue: DrugCatalogue, text: string | null | undefined, options: { classes: boolean }): TextMatch {
  const out: TextMatch = { ingredients: new Set(), classes: new Set() };
  if (!text) return out;
  const index = options.classes ? phraseIndexes(catalogue).withClasses : phraseIndexes(catalogue).drugs;
  const tokens = drugSearchName(text).split(" ").filter(Boolean);
  for (let i = 0; i < tokens.length; i++) {
    for (const phrase of index.get(singular(tokens[i]!)) ?? []) {
      if (i + phrase.words.length > tokens.length) continue;
      if (!phrase.words.every((w, k) => sameWord(w, tokens[i + k]!))) continue;
      for (const id of phrase.ingredients) out.ingredients.add(id);
      for (const c of phrase.classes) out.classes.add(c);
    }
  }
  return out;
}

/** The catalogue ingredients of ids, unknown ids dropped. */
export function ingredientsOf(catalogue: DrugCatalogue, ids: Iterable<string>): IngredientInfo[] {
  const out: IngredientInfo[] = [];
  for (const id of ids) {
    const i = catalogue.ingredients.get(id);
    if (i) out.push(i);
  }
  return out;
}
