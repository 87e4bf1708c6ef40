import { lookupPrisma } from "./client";

// Reference data that belongs to no clinic (CID-10, the drug catalogue). It is public and
// read-only for the app role, so reading it is not privileged the way systemDb is: any domain
// module may, outside tenant transactions, and should cache what it reads (docs/architecture.md:
// reference data is read outside tenant transactions and cached).

export type Cid10Row = {
  code: string;
  category: string;
  description: string;
  sexRestriction: string | null;
  isCategory: boolean;
};

export type DrugIngredientRow = {
  id: string; name: string; searchName: string; controlList: string | null; antimicrobial: boolean;
  classes: string[]; aliases: string[];
};

export type MedicationRow = {
  id: string; kind: "GENERIC" | "PRODUCT"; name: string; searchName: string; brandName: string | null;
  strength: string | null; form: string | null; route: string | null;
  /** In the product's order (medication_ingredients.position). */
  ingredientIds: string[];
};

export type DrugInteractionRow = {
  ingredientAId: string; ingredientBId: string; severity: "CONTRAINDICATED" | "MAJOR" | "MODERATE" | "MINOR";
  effect: string; management: string; source: string; sourceUrl: string | null;
};

export type DrugCatalogueRows = { ingredients: DrugIngredientRow[]; medications: MedicationRow[]; interactions: DrugInteractionRow[] };

export const referenceDb = {
  /** The whole CID-10 table (~14k rows, ~1.5 MB): loaded once per process by lib/ehr/cid10. */
  async cid10Codes(): Promise<Cid10Row[]> {
    return lookupPrisma().cid10Code.findMany({
      select: { code: true, category: true, description: true, sexRestriction: true, isCategory: true },
      orderBy: { code: "asc" },
    });
  },

  /**
   * The whole drug catalogue (a few hundred ingredients, the curated presentations and up to
   * ~40k ANVISA products, with their ingredient links): loaded per process by
   * lib/prescriptions/catalogue. One query per table, the links aggregated in SQL, so the load
   * is three round trips however large the product list.
   */
  async drugCatalogue(): Promise<DrugCatalogueRows> {
    const db = lookupPrisma();
    const ingredients = await db.drugIngredient.findMany({
      select: { id: true, name: true, searchName: true, controlList: true, antimicrobial: true, classes: true, aliases: true },
      orderBy: { searchName: "asc" },
    });
    const medications = await db.$queryRaw<MedicationRow[]>`
      SELECT m.id::text AS id, m.kind::text AS kind, m.name, m.search_name AS "searchName", m.brand_name AS "brandName",
             m.strength, m.form, m.route,
             coalesce(array_agg(mi.ingredient_id::text ORDER BY mi.position) FILTER (WHERE mi.ingredient_id IS NOT NULL), '{}') AS "ingredientIds"
        FROM medications m LEFT JOIN medication_ingredients mi ON mi.medication_id = m.id
       GROUP BY m.id
       ORDER BY m.search_name, m.id`;
    const interactions = await db.drugInteraction.findMany({
      select: { ingredientAId: true, ingredientBId: true, severity: true, effect: true, management: true, source: true, sourceUrl: true },
    });
    return { ingredients: ingredients.map((i) => ({ ...i, classes: i.classes ?? [], aliases: i.aliases ?? [] })), medications, interactions };
  },

  /** A cheap fingerprint of the catalogue: it changes when the seed or the importer changed anything. */
  async drugCatalogueStamp(): Promise<string> {
    const [row] = await lookupPrisma().$queryRaw<{ stamp: string }[]>`
      SELECT concat_ws(':',
        (SELECT count(*) FROM medications), (SELECT max(updated_at) FROM medications),
        (SELECT md5(string_agg(concat_ws(',', id, name, control_list, antimicrobial, classes::text, aliases::text), ';' ORDER BY id)) FROM drug_ingredients),
        (SELECT md5(string_agg(concat_ws(',', id, severity, effect, management, source, source_url), ';' ORDER BY id)) FROM drug_interactions)
      ) AS stamp`;
    return row?.stamp ?? "";
  },
};
