import { describe, expect, it } from "vitest";
import { CANONICAL_SCHEMA, canonicalBytes, contentHashOf, storedParts, type CanonicalRecord } from "./canonical";

const record: CanonicalRecord = {
  schema: CANONICAL_SCHEMA, tenantId: "t", recordId: "r", type: "CONSULTATION", amendsId: null, occurredAt: "2026-12-01T12:00:00.000Z",
  appointmentId: null, template: null, patient: { id: "p", name: "Maria", birthDate: null }, doctor: { id: "d", name: "Ana", crm: "123/SP" },
  sections: { plan: "Retorno", assessment: "Hipertensão" }, diagnoses: [{ position: 0, code: "I10", description: "Hipertensão essencial", isMain: true, certainty: "CONFIRMED" }],
};

describe("canonical content", () => {
  it("is the same bytes whatever the key order, and UTF-8", () => {
    const reordered = { ...record, sections: { assessment: "Hipertensão", plan: "Retorno" } };
    expect(canonicalBytes(reordered)).toEqual(canonicalBytes(record));
    expect(new TextDecoder().decode(canonicalBytes(record))).toContain('"assessment":"Hipertensão","plan":"Retorno"');
    expect(contentHashOf(record)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes its hash with any section, diagnosis or identity", () => {
    const h = contentHashOf(record);
    expect(contentHashOf({ ...record, sections: { ...record.sections, plan: "Retorno." } })).not.toBe(h);
    expect(contentHashOf({ ...record, diagnoses: [{ ...record.diagnoses[0]!, certainty: "SUSPECTED" }] })).not.toBe(h);
    expect(contentHashOf({ ...record, patient: { ...record.patient, id: "q" } })).not.toBe(h);
  });

  it("compares stored parts without the frozen names (a patient renamed later is not tampering)", () => {
    expect(storedParts({ ...record, patient: { ...record.patient, name: "Maria S." } })).toBe(storedParts(record));
    expect(storedParts({ ...record, sections: { plan: "x" } })).not.toBe(storedParts(record));
  });
});
