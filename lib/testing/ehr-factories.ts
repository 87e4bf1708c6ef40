import { withTenant } from "@/lib/db/tenant";
import type { RecordStatus, RecordType } from "@/lib/generated/prisma/enums";
import { ensureCid10 } from "./cid10";
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
  // Diagnoses reference the official table, which tests load once per process.
  if (overrides.cid10Codes?.length) await ensureCid10();
  return withTenant(scopeFor(tenant), async (tx) => {
    const record = await tx.medicalRecord.create({
      data: {
        patientId: patient.id, doctorId: doctor.id, occurredAt: overrides.occurredAt ?? new Date(),
        type: overrides.type ?? "CONSULTATION", status: "DRAFT",
      },
      select: { id: true },
    });
    // Diagnoses go in while the record is a draft: a signed record's are frozen by a trigger.
    const codes = overrides.cid10Codes ?? [];
    if (codes.length) {
      await tx.medicalRecordDiagnosis.createMany({
        data: codes.map((code, position) => ({ medicalRecordId: record.id, code, position, isMain: position === 0 })),
      });
    }
    const status = overrides.status ?? "DRAFT";
    if (status !== "DRAFT") {
      await tx.medicalRecord.update({ where: { tenantId_id: { tenantId: tenant.id, id: record.id } }, data: { status }, select: { id: true } });
    }
    return record;
  });
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
