import { z } from "zod";

// What client code may import for CID-10: the search input, the match and draft shapes, and the
// sex-restriction rule. Validation messages are keys of `ehrCid10.errors` (the words live in the
// message catalogues).

export const CID10_QUERY_MAX = 80;
export const CID10_DEFAULT_LIMIT = 20;
export const CID10_MAX_LIMIT = 50;

// Control characters (NUL and friends) and lone surrogates are never part of a code or a word.
const PRINTABLE = /^[^\p{Cc}\p{Cs}]*$/u;

export const cid10SearchSchema = z.object({
  q: z.string({ error: "q.required" })
    .max(CID10_QUERY_MAX * 4, "q.tooLong")
    .transform((v) => v.trim())
    .pipe(z.string().min(1, "q.required").max(CID10_QUERY_MAX, "q.tooLong").regex(PRINTABLE, "q.invalid")),
  limit: z.coerce.number({ error: "limit.invalid" }).int("limit.invalid")
    .min(1, "limit.invalid").max(CID10_MAX_LIMIT, "limit.invalid").optional(),
});
export type Cid10Search = z.infer<typeof cid10SearchSchema>;

export type Sex = "F" | "M";

export type Cid10Match = {
  /** "I10", "E11.9" */
  code: string;
  description: string;
  isCategory: boolean;
  /** The table's restriction: the code applies to this sex only. */
  sexRestriction: Sex | null;
};

export type DiagnosisRole = "main" | "secondary";
export type DiagnosisCertainty = "suspected" | "confirmed";

/** One diagnosis as the chart edits it before saving. */
export type DiagnosisDraft = Cid10Match & { role: DiagnosisRole; certainty: DiagnosisCertainty };

export const diagnosisDraftSchema = z.object({
  code: z.string().regex(/^[A-Z]\d{2}(\.\d)?$/, "code.invalid"),
  role: z.enum(["main", "secondary"]),
  certainty: z.enum(["suspected", "confirmed"]),
});
export const diagnosisListSchema = z.array(diagnosisDraftSchema).max(20, "list.tooMany")
  .refine((list) => list.filter((d) => d.role === "main").length <= 1, "list.oneMain")
  .refine((list) => new Set(list.map((d) => d.code)).size === list.length, "list.duplicate");

/**
 * The sex a code is restricted to when it differs from the patient's, else null. Unknown or
 * intersex patients (null) never conflict: the chart warns, it does not guess.
 */
export function sexConflict(restriction: Sex | null, patientSex: Sex | null): Sex | null {
  return restriction && patientSex && restriction !== patientSex ? restriction : null;
}

/** Adds a diagnosis: the first one is main, later ones secondary; a repeat is ignored. */
export function addDiagnosis(list: DiagnosisDraft[], match: Cid10Match): DiagnosisDraft[] {
  if (list.some((d) => d.code === match.code)) return list;
  const role: DiagnosisRole = list.some((d) => d.role === "main") ? "secondary" : "main";
  return [...list, { ...match, role, certainty: "confirmed" }];
}

/** Makes `code` the main diagnosis; the previous main becomes secondary. */
export function setMainDiagnosis(list: DiagnosisDraft[], code: string): DiagnosisDraft[] {
  return list.map((d) => ({ ...d, role: d.code === code ? "main" : "secondary" }));
}

/** Removes a diagnosis; when the main goes, the first remaining one becomes main. */
export function removeDiagnosis(list: DiagnosisDraft[], code: string): DiagnosisDraft[] {
  const rest = list.filter((d) => d.code !== code);
  if (rest.length === 0 || rest.some((d) => d.role === "main")) return rest;
  return rest.map((d, i) => ({ ...d, role: i === 0 ? "main" : "secondary" }));
}
