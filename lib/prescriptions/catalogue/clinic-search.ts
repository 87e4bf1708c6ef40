import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { tierOf, type Query, type SearchEntry } from "./rank";
import type { MedicationHit } from "./schemas";
import { hitOf, searchEntry, type DrugCatalogue, type IngredientInfo } from "./search-index";

// The clinic's own items in the search. A clinic has tens or hundreds of them, so the active
// list is read whole (in a tenant transaction: row-level security scopes it) and kept per clinic
// for a few seconds: a keystroke then costs no database round trip. This process forgets a
// clinic's list as soon as its admin changes it (clinic-items.ts); another app server sees the
// change within TTL_MS.

type ClinicRow = { id: string; name: string; presentation: string | null; ingredientId: string | null };
type Cached = { at: number; rows: ClinicRow[]; catalogue?: DrugCatalogue; entries?: SearchEntry[] };

const TTL_MS = 10_000;
const MAX_CLINICS = 1_000;
/** More than any clinic keeps; the list is ranked in memory. */
const MAX_ITEMS = 5_000;
const cache = new Map<string, Cached>();

export function clinicHit(row: ClinicRow, catalogue: DrugCatalogue): MedicationHit {
  const ingredient = row.ingredientId ? catalogue.ingredients.get(row.ingredientId) : undefined;
  const own: IngredientInfo[] = ingredient ? [ingredient] : [];
  return hitOf("clinic", { id: row.id, name: row.name, brandName: null, strength: null, form: null, route: null, presentation: row.presentation }, own);
}

/** The next search of this clinic reads its items again (after an admin changed them). */
export function forgetClinicItems(tenantId: string): void {
  cache.delete(tenantId);
}

async function activeItems(ctx: Context): Promise<Cached> {
  const hit = cache.get(ctx.tenantId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit;
  const rows = await withTenant(ctx, (tx) => tx.clinicMedication.findMany({
    where: { inactiveAt: null }, select: { id: true, name: true, presentation: true, ingredientId: true },
    orderBy: [{ searchName: "asc" }, { id: "asc" }], take: MAX_ITEMS,
  }));
  const fresh: Cached = { at: Date.now(), rows };
  if (cache.size >= MAX_CLINICS) cache.delete(cache.keys().next().value!);
  cache.set(ctx.tenantId, fresh);
  return fresh;
}

/** The clinic's active items matching the query, as search entries in name order. */
export async function clinicMatches(ctx: Context, catalogue: DrugCatalogue, q: Query): Promise<SearchEntry[]> {
  const items = await activeItems(ctx);
  if (items.catalogue !== catalogue) {
    items.entries = items.rows.map((r) => searchEntry(clinicHit(r, catalogue)));
    items.catalogue = catalogue;
  }
  return items.entries!.filter((e) => tierOf(e, q) !== null);
}
