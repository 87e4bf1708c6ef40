import { z } from "zod";
import { searchText } from "@/lib/validation/text";

// Search and list DTOs of lib/patients; client-safe. Registration inputs live in
// record-schemas.ts, the record's DTO in record-types.ts.

export const PATIENT_LIST_STATUSES = ["ACTIVE", "ARCHIVED"] as const;
export type PatientListStatus = (typeof PATIENT_LIST_STATUSES)[number];

/** Name searches return at most this many matches (10 pages of 20): refine beyond that. */
export const NAME_SEARCH_CAP = 200;
/** The unfiltered list counts up to this many patients, then says "more than". */
export const LIST_CAP = 1000;
/** The longest search text that is read; the rest is ignored. */
export const SEARCH_MAX = 100;

/**
 * `q`: one box (name, CPF, phone or dd/mm/aaaa, see search-query.ts). `page` is one-based and
 * offset-based within the capped result; `pageSize` 5–100.
 */
export const patientListQuery = z.object({
  /** Cut to 100 characters, not refused: a longer box cannot narrow a search any further. */
  q: searchText(SEARCH_MAX).optional(),
  status: z.enum(PATIENT_LIST_STATUSES).catch("ACTIVE").default("ACTIVE"),
  page: z.coerce.number().int().min(1).max(LIST_CAP).catch(1).default(1),
  pageSize: z.coerce.number().int().min(5).max(100).catch(20).default(20),
});
export type PatientListQuery = z.input<typeof patientListQuery>;

export type PatientListItem = {
  id: string;
  fullName: string;
  socialName: string | null;
  cpf: string | null;
  birthDate: string | null;
  phone: string | null;
  insurance: string | null;
  /** Pre-registration (name and phone) still to be completed. */
  incomplete: boolean;
  status: "ACTIVE" | "ARCHIVED" | "ANONYMIZED";
};

export type PatientSearchKind = "all" | "name" | "cpf" | "phone" | "birthDate" | "digits";

export type PatientPage = {
  rows: PatientListItem[];
  /** Matches, counted up to the cap; `capped` means "more than total". */
  total: number;
  capped: boolean;
  page: number;
  pageSize: number;
  kind: PatientSearchKind;
};
