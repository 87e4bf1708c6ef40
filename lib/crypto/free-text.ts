import { openField, sealField } from "./config";

// Free text a clinician or receptionist writes about a patient (the reason for a visit, an
// allergic reaction, a waitlist note) is health data: sealed at rest like the CPF (AES-256-GCM,
// versioned keys, AAD `<tenant>:<table.column>`), so a database dump or backup shows none of it.
// Sealed text cannot be searched or sorted in SQL; nothing filters on these columns.

export const FREE_TEXT = {
  appointmentReason: "appointments.reason",
  encaixeReason: "appointments.encaixe_reason",
  cancellationReason: "appointments.cancellation_reason",
  revertReason: "appointments.revert_reason",
  allergyReaction: "patient_allergies.reaction",
  waitlistNotes: "waitlist_entries.notes",
} as const;

export type FreeTextColumn = (typeof FREE_TEXT)[keyof typeof FREE_TEXT];

/** The sealed form of an optional text; empty stays null. */
export function sealText(tenantId: string, column: FreeTextColumn, value: string | null | undefined): string | null {
  return value ? sealField(tenantId, column, value) : null;
}

/**
 * The text of a sealed column. `legacy` is the plain column of a row written before the
 * backfill (scripts/lib/free-text-backfill.ts) emptied it; new rows never have one (a CHECK).
 */
export function openText(tenantId: string, column: FreeTextColumn, sealed: string | null, legacy: string | null = null): string | null {
  return sealed ? openField(tenantId, column, sealed) : legacy;
}
