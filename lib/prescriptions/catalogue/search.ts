import type { Permission } from "@/lib/auth/permissions";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { forbidden } from "@/lib/errors";
import { truncateText } from "@/lib/validation/text";
import { drugCatalogue } from "./catalogue";
import { catalogueValidation } from "./messages";
import {
  MEDICATION_DEFAULT_LIMIT, MEDICATION_MAX_LIMIT, MEDICATION_QUERY_MAX, medicationSearchSchema, type IngredientHit, type MedicationHit,
} from "./schemas";
import { clinicHit, clinicMatches } from "./clinic-search";
import { parseQuery, rank } from "./rank";
import { publicIngredient } from "./search-index";

export type { MedicationHit } from "./schemas";

// Medication search as the doctor types (the prescription editor's picker, GET
// /api/v1/medications): the catalogue (reference data, searched in memory, catalogue.ts) and the
// clinic's own items (clinic_medications, read in a tenant transaction so row-level security
// scopes them, and kept per clinic for seconds: clinic-search.ts). Nothing here reads patient
// data, so no data-access log.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Prescribers search the catalogue; admins too, to code the clinic's own items. */
export function requireCatalogueAccess(ctx: Context): void {
  if (!can(ctx, "prescriptions:write") && !can(ctx, "settings:manage")) throw forbidden();
}

const clampLimit = (limit: number | undefined) =>
  Math.min(MEDICATION_MAX_LIMIT, Math.max(1, Math.trunc(Number.isFinite(limit) ? limit! : MEDICATION_DEFAULT_LIMIT)));

export async function searchMedications(ctx: Context, query: string, options: { limit?: number } = {}): Promise<MedicationHit[]> {
  requireCatalogueAccess(ctx);
  const q = parseQuery(typeof query === "string" ? truncateText(query, MEDICATION_QUERY_MAX) : "");
  if (q.tokens.length === 0) return [];
  const limit = clampLimit(options.limit);
  const catalogue = await drugCatalogue();
  const clinic = await clinicMatches(ctx, catalogue, q);
  return rank(clinic, catalogue.index, q, limit);
}

/** The API's and the server action's door: validates `{ q, limit }` first (field errors in words). */
export async function searchMedicationsInput(ctx: Context, input: unknown): Promise<{ data: MedicationHit[] }> {
  requireCatalogueAccess(ctx);
  const parsed = medicationSearchSchema.safeParse(input);
  if (!parsed.success) throw catalogueValidation(parsed.error, "search");
  return { data: await searchMedications(ctx, parsed.data.q, { limit: parsed.data.limit }) };
}

/** One catalogue medication or active clinic item, or null (unknown, another clinic's, inactive). */
export async function medicationById(
  ctx: Context, ref: { source: "catalogue" | "clinic"; id: string }, tx?: Tx,
): Promise<MedicationHit | null> {
  requireCatalogueAccess(ctx);
  if (!ref || typeof ref.id !== "string" || !UUID.test(ref.id)) return null;
  const catalogue = await drugCatalogue();
  if (ref.source === "catalogue") return catalogue.medications.get(ref.id) ?? null;
  if (ref.source !== "clinic") return null;
  const find = (t: Tx) => t.clinicMedication.findFirst({
    where: { id: ref.id, inactiveAt: null }, select: { id: true, name: true, presentation: true, ingredientId: true },
  });
  // Inside the caller's transaction when it has one (signing, renewal): never a second connection.
  const row = tx ? await find(tx) : await withTenant(ctx, find);
  return row ? clinicHit(row, catalogue) : null;
}

/** Who may look ingredients up: the allergy form (desk or doctor), prescribers and admins. */
const INGREDIENT_READERS: Permission[] = ["patients:write", "records:write", "prescriptions:write", "settings:manage"];
export function requireIngredientAccess(ctx: Context): void {
  if (!INGREDIENT_READERS.some((p) => can(ctx, p))) throw forbidden();
}

/** Ingredients by name or alias (prefix > word prefix > contains), for coding allergies and clinic items. */
export async function searchIngredients(ctx: Context, input: unknown): Promise<{ data: IngredientHit[] }> {
  requireIngredientAccess(ctx);
  const parsed = medicationSearchSchema.safeParse(input);
  if (!parsed.success) throw catalogueValidation(parsed.error, "search");
  const q = parseQuery(parsed.data.q);
  const limit = clampLimit(parsed.data.limit);
  const tiers: IngredientHit[][] = [[], [], []];
  for (const i of (await drugCatalogue()).ingredients.values()) {
    const names = [i.searchName, ...i.aliases];
    const words = names.join(" ").split(" ");
    const tier = names.some((n) => n.startsWith(q.whole)) ? 0
      : q.tokens.every((t) => words.some((w) => w.startsWith(t))) ? 1
        : q.tokens.every((t) => names.some((n) => n.includes(t))) ? 2 : null;
    if (tier !== null && tiers[tier]!.length < limit) tiers[tier]!.push(publicIngredient(i));
  }
  return { data: tiers.flat().slice(0, limit) };
}
