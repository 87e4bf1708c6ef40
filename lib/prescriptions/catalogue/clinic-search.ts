import type { Tx } from "@/lib/db/client";
import type { MedicationHit } from "./schemas";
import { hitOf, searchEntry, type DrugCatalogue, type IngredientInfo, type Query, type SearchEntry } from "./search-index";

// The clinic's own items in the search: few per clinic, read inside the caller's tenant
// transaction (row-level security keeps other clinics' out), ranked with the catalogue's rules.

type ClinicRow = { id: string; name: string; presentation: string | null; ingredientId: string | null };

/** At most this many of the clinic's items are ranked per keystroke (the best of them surface). */
const CANDIDATES = 50;

export function clinicHit(row: ClinicRow, catalogue: DrugCatalogue): MedicationHit {
  const ingredient = row.ingredientId ? catalogue.ingredients.get(row.ingredientId) : undefined;
  const own: IngredientInfo[] = ingredient ? [ingredient] : [];
  return hitOf("clinic", { id: row.id, name: row.name, brandName: null, strength: null, form: null, route: null, presentation: row.presentation }, own);
}

/**
 * Active items whose name holds every query word, or whose ingredient matches the query,
 * as search entries in name order.
 */
export async function clinicMatches(tx: Tx, catalogue: DrugCatalogue, q: Query): Promise<SearchEntry[]> {
  const ingredientIds: string[] = [];
  for (const i of catalogue.ingredients.values()) {
    if (q.tokens.every((t) => i.searchName.includes(t))) ingredientIds.push(i.id);
    if (ingredientIds.length >= 200) break;
  }
  const rows = await tx.clinicMedication.findMany({
    where: {
      inactiveAt: null,
      OR: [
        { AND: q.tokens.map((t) => ({ searchName: { contains: t } })) },
        ...(ingredientIds.length ? [{ ingredientId: { in: ingredientIds } }] : []),
      ],
    },
    select: { id: true, name: true, presentation: true, ingredientId: true },
    orderBy: [{ searchName: "asc" }, { id: "asc" }],
    take: CANDIDATES,
  });
  return rows.map((r) => searchEntry(clinicHit(r, catalogue)));
}
