import { drugSearchName } from "./normalize";
import type { MedicationHit } from "./schemas";

// Ranking the catalogue for a query, fast enough for every keystroke over ~40k products.
//
// Tiers, best first: 0 the name starts with the query; 1 every query word starts a word of the
// name or of an ingredient; 2 every query word appears inside those words. Within a tier: the
// clinic's own items, then generic presentations, then registered products, each alphabetical.
//
// How it stays fast (the shape of lib/ehr/cid10/search-index.ts): entries are kept in that final
// order, generics and products each sorted by name, so tier 0 is two binary-searched ranges.
// Words are a sorted list with postings (the entries holding each word, ascending), so tier 1
// walks the postings of the rarest query word's prefix range and checks the other words on those
// candidates only. Tier 2, reached only when the better tiers leave room, scans the distinct
// words (not the entries) for the longest query word.

export type Query = { whole: string; tokens: string[] };

export function parseQuery(query: string): Query {
  const whole = drugSearchName(query);
  return { whole, tokens: [...new Set(whole.split(" ").filter(Boolean))] };
}

export type SearchEntry = {
  hit: MedicationHit;
  /** Normalised display name. */
  norm: string;
  /** Normalised words of the name and of the ingredient names. */
  words: string[];
  /** The words joined: `includes` on it finds a token inside any of them. */
  haystack: string;
};

export type RankIndex = {
  /** Final order: generics by name, then products by name. */
  entries: readonly SearchEntry[];
  genericCount: number;
  words: readonly string[];
  postings: readonly Int32Array[];
};

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function lowerBound<T>(sorted: readonly T[], key: string, at: (item: T) => string, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(sorted[mid]!) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function buildRankIndex(generics: SearchEntry[], products: SearchEntry[]): RankIndex {
  const order = (a: SearchEntry, b: SearchEntry) => byText(a.norm, b.norm) || byText(a.hit.id, b.hit.id);
  const entries = [...generics.sort(order), ...products.sort(order)];
  const lists = new Map<string, number[]>();
  entries.forEach((e, i) => {
    for (const w of e.words) {
      const list = lists.get(w);
      if (list) list.push(i);
      else lists.set(w, [i]);
    }
  });
  const words = [...lists.keys()].sort(byText);
  return { entries, genericCount: generics.length, words, postings: words.map((w) => Int32Array.from(lists.get(w)!)) };
}

/** 0 name prefix, 1 every token starts a word, 2 every token inside a word, null no match. */
export function tierOf(entry: SearchEntry, q: Query): number | null {
  if (q.tokens.length === 0) return null;
  if (entry.norm.startsWith(q.whole)) return 0;
  if (q.tokens.every((t) => entry.words.some((w) => w.startsWith(t)))) return 1;
  if (q.tokens.every((t) => entry.haystack.includes(t))) return 2;
  return null;
}

function prefixRange(index: RankIndex, token: string): { from: number; to: number; cost: number } {
  const from = lowerBound(index.words, token, (w) => w);
  let to = from;
  let cost = 0;
  while (to < index.words.length && index.words[to]!.startsWith(token)) cost += index.postings[to++]!.length;
  return { from, to, cost };
}

/** Candidate entries from the postings of `wordIds`, in final order, that pass `check` and are not `taken`. */
function collect(index: RankIndex, wordIds: Iterable<number>, taken: Uint8Array, check: (e: SearchEntry) => boolean): number[] {
  const seen = new Set<number>();
  for (const w of wordIds) for (const e of index.postings[w]!) if (!taken[e]) seen.add(e);
  const out: number[] = [];
  for (const e of seen) if (check(index.entries[e]!)) out.push(e);
  return out.sort((a, b) => a - b);
}

export function rank(first: readonly SearchEntry[], index: RankIndex, q: Query, limit: number): MedicationHit[] {
  if (q.tokens.length === 0 || limit < 1) return [];
  const tiers: MedicationHit[][] = [[], [], []];
  for (const e of first) {
    const t = tierOf(e, q);
    if (t !== null) tiers[t]!.push(e.hit);
  }
  const filled = () => tiers.reduce((n, t) => n + t.length, 0);
  const taken = new Uint8Array(index.entries.length);
  const { entries, genericCount } = index;
  for (const [lo, hi] of [[0, genericCount], [genericCount, entries.length]] as const) {
    for (let i = lowerBound(entries, q.whole, (e) => e.norm, lo, hi); i < hi && entries[i]!.norm.startsWith(q.whole); i++) {
      taken[i] = 1;
      if (tiers[0]!.length < limit) tiers[0]!.push(entries[i]!.hit);
    }
  }
  if (tiers[0]!.length >= limit) return tiers[0]!.slice(0, limit);
  // Tier 1, driven by the query word with the fewest entries.
  const ranges = q.tokens.map((t) => ({ t, ...prefixRange(index, t) })).sort((a, b) => a.cost - b.cost);
  const driver = ranges[0]!;
  const others = q.tokens.filter((t) => t !== driver.t);
  const wordIds = Array.from({ length: driver.to - driver.from }, (_, k) => driver.from + k);
  for (const e of collect(index, wordIds, taken, (e) => others.every((t) => e.words.some((w) => w.startsWith(t))))) {
    taken[e] = 1;
    if (tiers[1]!.length < limit) tiers[1]!.push(entries[e]!.hit);
  }
  if (filled() >= limit) return tiers.flat().slice(0, limit);
  // Tier 2: a token has no space, so it is inside an entry's text exactly when inside one of its words.
  const longest = q.tokens.reduce((a, b) => (b.length > a.length ? b : a));
  const inside: number[] = [];
  for (let w = 0; w < index.words.length; w++) if (index.words[w]!.includes(longest)) inside.push(w);
  for (const e of collect(index, inside, taken, (e) => q.tokens.every((t) => e.haystack.includes(t)))) {
    if (tiers[2]!.length >= limit) break;
    tiers[2]!.push(entries[e]!.hit);
  }
  return tiers.flat().slice(0, limit);
}
