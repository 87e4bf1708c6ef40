import { referenceDb } from "@/lib/db/reference";
import { buildCid10Index, type Cid10Index } from "./search-index";

// The CID-10 table, loaded once per process on first use and kept: it changes only with a new
// official edition (a deploy with a new seed), so no expiry. A failed load is not cached, so the
// next request tries again instead of the process serving an empty table forever; so is an
// empty one.

let loading: Promise<Cid10Index> | undefined;

export function cid10Index(): Promise<Cid10Index> {
  loading ??= referenceDb.cid10Codes().then((rows) => {
    // An empty table is a database not seeded yet, not a fact to keep for the process's life.
    if (rows.length === 0) loading = undefined;
    return buildCid10Index(rows);
  }, (error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** For tests and a reseed in a long-running process: the next call reads the table again. */
export function forgetCid10Index(): void {
  loading = undefined;
}
