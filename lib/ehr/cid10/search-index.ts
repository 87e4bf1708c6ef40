import type { Cid10Row } from "@/lib/db/reference";
import type { Cid10Match, Sex } from "./schemas";

// In-memory CID-10 search over the whole table (~14k codes), built once per process.
//
// Ranking, best first: the exact code ("I10", "e11.9", "E119") > codes starting with it >
// descriptions where every query word starts a word ("hiperten" → "Hipertensão essencial") >
// descriptions containing every query word anywhere ("tensao" → "Hipertensão"). Within a tier a
// description whose first word matches comes first, then categories before subcategories where
// that helps ("E1" lists E10…E14 before E10.0), then code order.
//
// How it stays fast: codes are sorted, so a code prefix is a binary-searched range; words are a
// sorted list with postings (which entries hold each word), so a word prefix is a range of words
// and its entries; rank keys are small integers, so results fill 16 buckets already in code order
// (no sort), none beyond `limit`. Tiers are strictly ordered, so once the better tiers fill the
// limit the rest is skipped; only the partial tier scans, the distinct words (not the rows), and
// only when it is needed.

type Entry = Cid10Match & {
  /** Code without the dot, upper case: "E119". Same order as `code`. */
  compact: string;
  /** First word of the description, normalised. */
  lead: string;
  /** Normalised words of the code and the description. */
  words: readonly string[];
};

export type Cid10Index = {
  entries: readonly Entry[];
  byCode: ReadonlyMap<string, Entry>;
  /** Distinct normalised words, sorted; postings[i] lists the entries holding words[i], ascending. */
  words: readonly string[];
  postings: readonly Int32Array[];
};

/** Lower case, no accents, punctuation as spaces: how both the table and the query are compared. */
export function normalizeText(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
}

const asSex = (value: string | null): Sex | null => (value === "F" || value === "M" ? value : null);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildCid10Index(rows: readonly Cid10Row[]): Cid10Index {
  const sorted = [...rows].sort((a, b) => byText(a.code, b.code));
  const lists = new Map<string, number[]>();
  const entries = sorted.map((row, i): Entry => {
    const compact = row.code.replace(".", "");
    const description = normalizeText(row.description).split(" ");
    const words = [...new Set([compact.toLowerCase(), ...description])];
    for (const word of words) {
      const list = lists.get(word);
      if (list) list.push(i);
      else lists.set(word, [i]);
    }
    return {
      code: row.code, description: row.description, isCategory: row.isCategory, sexRestriction: asSex(row.sexRestriction),
      compact, lead: description[0] ?? "", words,
    };
  });
  const words = [...lists.keys()].sort(byText);
  return {
    entries, byCode: new Map(entries.map((e) => [e.code, e])), words, postings: words.map((w) => Int32Array.from(lists.get(w)!)),
  };
}

/** First index in `sorted` whose value is ≥ `key`. */
function lowerBound<T>(sorted: readonly T[], key: string, at: (item: T) => string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(sorted[mid]!) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// A letter and up to three digits, dot optional: "I", "I1", "I10", "E11.9", "e119".
const CODE_QUERY = /^[A-Z]\d{0,2}(\.?\d)?$/;
const BUCKETS = 16;

class Ranking {
  readonly buckets: Entry[][] = Array.from({ length: BUCKETS }, () => []);
  private filled = [0, 0, 0, 0];
  constructor(readonly limit: number) {}
  add(entry: Entry, tier: number, first: number, kind: number) {
    const bucket = this.buckets[tier * 4 + first * 2 + kind]!;
    if (bucket.length < this.limit) {
      bucket.push(entry);
      this.filled[tier]!++;
    }
  }
  /** Whether tiers up to `tier` already hold `limit` results (nothing worse can enter). */
  full(tier: number) {
    return this.filled.slice(0, tier + 1).reduce((a, b) => a + b, 0) >= this.limit;
  }
  results(): Cid10Match[] {
    return this.buckets.flat().slice(0, this.limit).map(toMatch);
  }
}

export function searchCid10Index(index: Cid10Index, query: string, limit: number): Cid10Match[] {
  const upper = query.trim().toUpperCase();
  const code = CODE_QUERY.test(upper) ? upper.replace(".", "") : null;
  const tokens = [...new Set(normalizeText(query).split(" ").filter(Boolean))];
  if ((!code && tokens.length === 0) || limit < 1) return [];
  const ranking = new Ranking(limit);
  const taken = new Uint8Array(index.entries.length);
  if (code !== null) {
    const shortCode = code.length < 3;
    for (let i = lowerBound(index.entries, code, (e) => e.compact); i < index.entries.length; i++) {
      const entry = index.entries[i]!;
      if (!entry.compact.startsWith(code)) break;
      taken[i] = 1;
      ranking.add(entry, entry.compact === code ? 0 : 1, 0, shortCode && !entry.isCategory ? 1 : 0);
    }
    if (ranking.full(1)) return ranking.results();
  }
  if (tokens.length === 0) return ranking.results();
  const lead = tokens[0]!;
  const rank = (entry: Entry, tier: number) => ranking.add(entry, tier, entry.lead.startsWith(lead) ? 0 : 1, entry.isCategory ? 0 : 1);
  const starts = matching(index, tokens, pickDriver(tokens, wordStartRange(index)), (word, token) => word.startsWith(token));
  for (let i = 0; i < starts.length; i++) {
    if (starts[i] && !taken[i]) {
      taken[i] = 1;
      rank(index.entries[i]!, 2);
    }
  }
  // A code-shaped query ("I10") is covered by the code tiers; inside other words it means nothing.
  if (ranking.full(2) || code !== null) return ranking.results();
  // Finding a token inside words scans them all: drive with the longest (rarest) token only.
  const longest = tokens.reduce((a, b) => (b.length > a.length ? b : a));
  const inside = { token: longest, words: insideWords(index, longest) };
  const partial = matching(index, tokens, inside, (word, token) => word.includes(token));
  for (let i = 0; i < partial.length; i++) {
    if (partial[i] && !taken[i]) rank(index.entries[i]!, 3);
  }
  return ranking.results();
}

/** The words a token starts, and how many entries hold them (to pick the cheapest token). */
type WordRange = (token: string) => { words: number[]; cost: number };

function wordStartRange(index: Cid10Index): WordRange {
  return (token) => {
    const words: number[] = [];
    let cost = 0;
    for (let w = lowerBound(index.words, token, (x) => x); w < index.words.length && index.words[w]!.startsWith(token); w++) {
      words.push(w);
      cost += index.postings[w]!.length;
    }
    return { words, cost };
  };
}

/** Words containing the token: a scan of the distinct words (a token has no space, so it is
 *  inside a description exactly when it is inside one of its words). */
function insideWords(index: Cid10Index, token: string): number[] {
  const words: number[] = [];
  for (let w = 0; w < index.words.length; w++) if (index.words[w]!.includes(token)) words.push(w);
  return words;
}

/**
 * Marks the entries where every token matches one of the words. The cheapest token (fewest
 * entries) drives through the postings; the others are checked on those candidates only, so a
 * common short word ("e", "de") never walks its thousands of entries when a rarer one is typed.
 */
function matching(
  index: Cid10Index, tokens: string[], driver: { token: string; words: number[] }, test: (word: string, token: string) => boolean,
): Uint8Array {
  const marks = new Uint8Array(index.entries.length);
  const others = tokens.filter((t) => t !== driver.token);
  for (const w of driver.words) {
    for (const e of index.postings[w]!) {
      if (marks[e]) continue;
      const words = index.entries[e]!.words;
      if (others.every((t) => words.some((word) => test(word, t)))) marks[e] = 1;
    }
  }
  return marks;
}

function pickDriver(tokens: string[], range: WordRange): { token: string; words: number[] } {
  let best: { token: string; words: number[]; cost: number } | undefined;
  for (const token of tokens) {
    const r = range(token);
    if (!best || r.cost < best.cost) best = { token, ...r };
    if (r.cost === 0) break;
  }
  return best!;
}

const toMatch = (e: Entry): Cid10Match => ({ code: e.code, description: e.description, isCategory: e.isCategory, sexRestriction: e.sexRestriction });

export function findCid10Code(index: Cid10Index, code: string): Cid10Match | null {
  const entry = index.byCode.get(code.trim().toUpperCase());
  return entry ? toMatch(entry) : null;
}
