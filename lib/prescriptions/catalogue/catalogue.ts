import { referenceDb } from "@/lib/db/reference";
import { buildDrugCatalogue, type DrugCatalogue } from "./search-index";

// The drug catalogue, loaded once per process on first use (like lib/ehr/cid10/catalogue.ts) and
// kept. Unlike CID-10 it changes while the app runs: `npm run drugs:import` adds products, a
// reseed corrects a list. So at most every CHECK_MS a request compares the catalogue's stamp
// (counts, last update, a hash of the small tables) in the background and, when it moved,
// rebuilds and swaps the index; requests meanwhile keep the copy they have. A failed or empty
// load is not kept, so the next request tries again.

const CHECK_MS = 30_000;

type State = { catalogue: DrugCatalogue; stamp: string; checkedAt: number };

let loading: Promise<State> | undefined;
let refreshing: Promise<void> | undefined;

async function load(): Promise<State> {
  const stamp = await referenceDb.drugCatalogueStamp();
  const rows = await referenceDb.drugCatalogue();
  return { catalogue: buildDrugCatalogue(rows), stamp, checkedAt: Date.now() };
}

function start(): Promise<State> {
  const attempt = load().then((state) => {
    // An empty catalogue is a database not seeded yet, not a fact to keep for the process's life.
    if (state.catalogue.ingredients.size === 0 && loading === attempt) loading = undefined;
    return state;
  }, (error: unknown) => {
    if (loading === attempt) loading = undefined;
    throw error;
  });
  loading = attempt;
  return attempt;
}

function refreshIfStale(state: State): void {
  if (refreshing || Date.now() - state.checkedAt < CHECK_MS) return;
  state.checkedAt = Date.now();
  refreshing = referenceDb.drugCatalogueStamp()
    .then(async (stamp) => {
      if (stamp === state.stamp) return;
      const next = await load();
      loading = Promise.resolve(next);
    })
    // A failed check keeps serving the copy in hand; the next interval tries again.
    .catch((error: unknown) => console.error("[drug-catalogue] refresh failed", error))
    .finally(() => { refreshing = undefined; });
}

export async function drugCatalogue(): Promise<DrugCatalogue> {
  const state = await (loading ?? start());
  refreshIfStale(state);
  return state.catalogue;
}

/** For tests, the importer and a reseed in a long-running process: the next call reads the tables again. */
export function forgetDrugCatalogue(): void {
  loading = undefined;
}
