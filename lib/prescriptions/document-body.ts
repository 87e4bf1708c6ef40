import { openField } from "@/lib/crypto/config";
import { sha256Hex } from "@/lib/crypto/tokens";
import type { PrescriptionDocumentBody } from "@/lib/documents/types";
import { canonicalJson } from "@/lib/format/canonical-json";
import { INSTRUCTIONS_COLUMN } from "./items";
import { NOTES_COLUMN, type PrescriptionRow } from "./load";
import type { PrescriptionKindName } from "./rules/kinds";

// What the signed document carries for a prescription (lib/documents prints and signs it), and
// the hash the prescription row keeps of exactly that content. Nothing else goes in: no override
// reasons, no safety findings, no dispensing.

export const PRESCRIPTION_CANONICAL_SCHEMA = "prontivus.prescription/1";

export function documentBodyOf(
  tenantId: string, row: PrescriptionRow, kind: PrescriptionKindName, validUntil: string | null,
): PrescriptionDocumentBody {
  return {
    kind: "PRESCRIPTION",
    prescriptionId: row.id,
    prescriptionKind: kind,
    items: row.items.map((i) => ({
      position: i.position, drugName: i.drugName, presentation: i.presentation,
      dose: i.dose, doseUnit: i.doseUnit, route: i.route, frequency: i.frequency, duration: i.duration,
      quantity: i.quantity, quantityUnit: i.quantityUnit, quantityWords: i.quantityWords,
      instructions: i.instructionsEnc ? openField(tenantId, INSTRUCTIONS_COLUMN, i.instructionsEnc) : null,
      continuousUse: i.continuousUse, freeText: i.freeText,
    })),
    notes: row.notesEnc ? openField(tenantId, NOTES_COLUMN, row.notesEnc) : null,
    validUntil,
  };
}

/** SHA-256 of the canonical content signed: who, for whom, when and the body. */
export function prescriptionContentHash(input: {
  tenantId: string; row: PrescriptionRow; signedAt: Date; body: PrescriptionDocumentBody;
}): string {
  return sha256Hex(canonicalJson({
    schema: PRESCRIPTION_CANONICAL_SCHEMA, tenantId: input.tenantId, prescriptionId: input.row.id,
    patientId: input.row.patientId, doctorId: input.row.doctorId, medicalRecordId: input.row.medicalRecordId,
    renewedFromId: input.row.renewedFromId, signedAt: input.signedAt.toISOString(), body: input.body,
  }));
}
