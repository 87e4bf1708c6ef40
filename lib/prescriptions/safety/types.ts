import type { IngredientInfo } from "@/lib/prescriptions/catalogue/search-index";

// The safety check's shapes (client-safe: the editor renders findings). Exported again by
// lib/prescriptions/safety/index.ts, the module other areas import.

export type SafetyItem = {
  position: number;
  medicationId?: string | null;
  clinicMedicationId?: string | null;
  /** Free-text items are matched by these. */
  drugName: string;
  activeIngredient?: string | null;
};

export type SafetySeverity = "CONTRAINDICATED" | "MAJOR" | "MODERATE" | "MINOR";

export type SafetyFinding = {
  /** Stable: "allergy:<allergyId>:<position>", "cross:<allergyId>:<position>", "interaction:<ingA>:<ingB>",
   *  "interaction:<ingA>:<ingB>:<otherPrescriptionId>", "duplicate:<ingredientId>". */
  key: string;
  kind: "allergy" | "cross_reactivity" | "interaction" | "duplicate_ingredient";
  severity: SafetySeverity;
  /** CONTRAINDICATED or MAJOR: signing needs an override reason. */
  blocking: boolean;
  /** Items of this prescription involved. */
  positions: number[];
  /** DCB names involved. */
  ingredients: string[];
  /** Message key under the "prescriptionSafety" catalogue namespace. */
  code: string;
  params: Record<string, string | number>;
  /** Interaction reference data, as in the source data. */
  effect?: string;
  management?: string;
  source?: string;
  sourceUrl?: string;
  /** When the other drug is a continuous-use item of another signed prescription. */
  otherPrescriptionId?: string;
};

export type AllergyStatus = {
  /** denies = patients.denies_allergies and no active allergy; unknown = neither (never shown as none). */
  state: "denies" | "unknown" | "recorded";
  allergies: { id: string; substance: string; severity: string }[];
};

/** An item as the check sees it: what it is called and what it contains. */
export type ResolvedItem = { position: number; drugName: string; text: string; ingredients: IngredientInfo[] };

export const isBlocking = (severity: SafetySeverity) => severity === "CONTRAINDICATED" || severity === "MAJOR";
