import { z } from "zod";
import { text } from "@/lib/validation/text";

// What client code may import for the drug catalogue: the search input, the hit shape and the
// clinic item input. Validation messages are keys of `prescriptionCatalogue.errors` (the words
// live in the message catalogues).

export const MEDICATION_QUERY_MAX = 80;
export const MEDICATION_DEFAULT_LIMIT = 20;
export const MEDICATION_MAX_LIMIT = 50;

const PRINTABLE = /^[^\p{Cc}\p{Cs}]*$/u;

export const medicationSearchSchema = z.object({
  q: text({ error: "q.required" })
    .max(MEDICATION_QUERY_MAX * 4, "q.tooLong")
    .transform((v) => v.trim())
    .pipe(text().min(1, "q.required").max(MEDICATION_QUERY_MAX, "q.tooLong").regex(PRINTABLE, "q.invalid")),
  limit: z.coerce.number({ error: "limit.invalid" }).int("limit.invalid")
    .min(1, "limit.invalid").max(MEDICATION_MAX_LIMIT, "limit.invalid").optional(),
});
export type MedicationSearch = z.infer<typeof medicationSearchSchema>;

export type MedicationHitIngredient = {
  id: string;
  /** DCB name, lower case with accents ("ácido acetilsalicílico"). */
  name: string;
  /** Portaria SVS/MS 344/1998 list (A1…C5), or null. */
  controlList: string | null;
  /** RDC 471/2021 antimicrobial. */
  antimicrobial: boolean;
  /** Class keys (lib/prescriptions/catalogue/classes.ts), including the implied ones. */
  classes: string[];
};

export type MedicationHit = {
  /** catalogue = medications row, clinic = clinic_medications row. */
  source: "catalogue" | "clinic";
  id: string;
  /** Display: "amoxicilina 500 mg cápsula" or a brand, "Amoxil". */
  name: string;
  brandName: string | null;
  /** "500 mg, cápsula, oral" */
  presentation: string | null;
  strength: string | null;
  form: string | null;
  route: string | null;
  ingredients: MedicationHitIngredient[];
  /** Strictest list among the ingredients. */
  controlList: string | null;
  antimicrobial: boolean;
};

/** An ingredient or a class, as the allergy form's optional coding picker offers them. */
export type IngredientHit = { id: string; name: string; controlList: string | null; antimicrobial: boolean; classes: string[] };

export const ingredientSearchSchema = medicationSearchSchema;

/** A clinic's own item (admin page): its name, an optional presentation and catalogue ingredient. */
export const clinicMedicationInputSchema = z.object({
  name: text({ error: "name.required" }).trim().min(2, "name.required").max(300, "name.tooLong"),
  presentation: text().trim().max(200, "presentation.tooLong").optional()
    .transform((v) => (v ? v : null)),
  ingredientId: z.uuid("ingredient.invalid").nullish().or(z.literal("").transform(() => null)),
});
export type ClinicMedicationInput = z.input<typeof clinicMedicationInputSchema>;

export type ClinicMedicationView = {
  id: string;
  name: string;
  presentation: string | null;
  ingredient: { id: string; name: string } | null;
  active: boolean;
  createdAt: string;
};
