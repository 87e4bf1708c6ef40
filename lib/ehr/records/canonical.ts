import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/format/canonical-json";
import type { Sections } from "./schemas";

// What a signature covers: one stable JSON serialisation (keys sorted at every depth, no
// whitespace, UTF-8) of everything CFM 1.638/2002 asks a record to identify. The same record
// always gives the same bytes, so its SHA-256 names the content a doctor saw and signed.

export const CANONICAL_SCHEMA = "prontivus.medical-record/1";

export type CanonicalRecord = {
  schema: typeof CANONICAL_SCHEMA;
  tenantId: string;
  recordId: string;
  type: string;
  amendsId: string | null;
  occurredAt: string;
  appointmentId: string | null;
  template: { id: string; name: string } | null;
  patient: { id: string; name: string; birthDate: string | null };
  doctor: { id: string; name: string; crm: string | null };
  sections: Sections | { addendum: string };
  diagnoses: { position: number; code: string; description: string; isMain: boolean; certainty: string }[];
};

export function canonicalBytes(record: CanonicalRecord): Uint8Array {
  return new TextEncoder().encode(canonicalJson(record));
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export const contentHashOf = (record: CanonicalRecord) => sha256Hex(canonicalBytes(record));

/**
 * The parts of a signed record that live in its own columns and rows (not the frozen names of
 * patient and doctor): what verification compares with the row as stored now.
 */
export function storedParts(record: CanonicalRecord) {
  return canonicalJson({
    tenantId: record.tenantId, recordId: record.recordId, type: record.type, amendsId: record.amendsId,
    occurredAt: record.occurredAt, appointmentId: record.appointmentId, templateId: record.template?.id ?? null,
    patientId: record.patient.id, doctorId: record.doctor.id, sections: record.sections,
    diagnoses: record.diagnoses.map((d) => ({ position: d.position, code: d.code, isMain: d.isMain, certainty: d.certainty })),
  });
}
