import { withTenant } from "@/lib/db/tenant";
import type { RecordStatus, RecordType } from "@/lib/generated/prisma/enums";
import { scopeFor, type TestPatient, type TestTenant, type TestUser } from "./factories";

// EHR rows for tests that need a chart to exist (timeline, vitals linked to an encounter),
// written through withTenant as the app role, exactly as the app writes them. Only metadata:
// the encounter domain owns the narrative and its encryption.

export async function createMedicalRecord(
  tenant: TestTenant,
  patient: Pick<TestPatient, "id">,
  doctor: Pick<TestUser, "id">,
  overrides: Partial<{ occurredAt: Date; cid10Codes: string[]; type: RecordType; status: RecordStatus }> = {},
): Promise<{ id: string }> {
  return withTenant(scopeFor(tenant), (tx) => tx.medicalRecord.create({
    data: {
      patientId: patient.id, doctorId: doctor.id, occurredAt: overrides.occurredAt ?? new Date(),
      cid10Codes: overrides.cid10Codes ?? [], type: overrides.type ?? "CONSULTATION", status: overrides.status ?? "DRAFT",
    },
    select: { id: true },
  }));
}

/** A measurement with the given stored columns (heart rate 72 when none are given). */
export async function createVitalSign(
  tenant: TestTenant,
  patient: Pick<TestPatient, "id">,
  recorder: Pick<TestUser, "id">,
  values: Partial<{ measuredAt: Date; heartRateBpm: number; systolicMmhg: number; diastolicMmhg: number; weightGrams: number }> = {},
): Promise<{ id: string }> {
  const { measuredAt, ...measures } = values;
  return withTenant(scopeFor(tenant), (tx) => tx.vitalSign.create({
    data: { patientId: patient.id, recordedBy: recorder.id, measuredAt: measuredAt ?? new Date(), ...(Object.keys(measures).length ? measures : { heartRateBpm: 72 }) },
    select: { id: true },
  }));
}
