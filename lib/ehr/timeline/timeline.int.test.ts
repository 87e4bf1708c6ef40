// The patient timeline against the real database: kinds merged newest first, filters by kind and
// period, pinned allergies and continuous problems, keyset paging over 300 encounters, no
// narrative in the answer, the read logged, and who is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { sealSections } from "@/lib/ehr/records/content";
import type { AppError } from "@/lib/errors";
import { ensureCid10 } from "@/lib/testing/cid10";
import { createMedicalRecord, createVitalSign } from "@/lib/testing/ehr-factories";
import {
  asOwner, closeOwnerPool, createPatient, createTenant, createUser, scopeFor, type TestPatient, type TestTenant, type TestUser,
} from "@/lib/testing/factories";
import { getPatientTimeline } from "./queries";
import { parseTimelineParams, TIMELINE_PAGE, type TimelineItem } from "./schemas";

let clinic: TestTenant;
let other: TestTenant;
let doctor: TestUser;
let patient: TestPatient;

const day = (d: number, h = 12) => new Date(Date.UTC(2026, 2, d, h));

beforeAll(async () => {
  // Diagnoses reference cid10_codes: the fresh test database needs the table.
  await ensureCid10();
  [clinic, other] = await Promise.all([createTenant(), createTenant()]);
  doctor = await createUser(clinic, { roles: ["doctor"], name: "Dra. Helena Costa" });
  patient = await createPatient(clinic);
  await createMedicalRecord(clinic, patient, doctor, { occurredAt: day(1), cid10Codes: ["I10"] });
  await createMedicalRecord(clinic, patient, doctor, { occurredAt: day(10), cid10Codes: ["I10", "E11"], status: "SIGNED" });
  await createMedicalRecord(clinic, patient, doctor, { occurredAt: day(20) });
  await createVitalSign(clinic, patient, doctor, { measuredAt: day(10, 11), heartRateBpm: 90 });
  await createVitalSign(clinic, patient, doctor, { measuredAt: day(15), systolicMmhg: 150, diastolicMmhg: 95 });
  await withTenant(scopeFor(clinic), (tx) => tx.patientAllergy.create({
    data: { patientId: patient.id, substance: "Dipirona", severity: "SEVERE", notedAt: day(5) }, select: { id: true } }));
  // The narrative lives sealed in content_enc (the records branch replaced the SOAP columns).
  await asOwner("UPDATE medical_records SET content_enc = $2 WHERE patient_id = $1 AND status = 'DRAFT'",
    [patient.id, sealSections(clinic.id, { chiefComplaint: "Frase secreta do médico" })]);
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

const as = (u: TestUser, tenant = clinic) => scopeFor(tenant, u, u.roles);
const kindsAt = (items: TimelineItem[]) => items.map((i) => `${i.kind}@${i.at.slice(5, 10)}`);
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a refusal"); }, (e: unknown) => e as AppError);

describe("getPatientTimeline", () => {
  it("merges every kind newest first, pins allergies and continuous problems, and never carries the narrative", async () => {
    const ctx = as(doctor);
    const t = await getPatientTimeline(ctx, patient.id, parseTimelineParams({}));
    expect(kindsAt(t.items)).toEqual(["encounter@03-20", "vitals@03-15", "encounter@03-10", "vitals@03-10", "allergy@03-05", "encounter@03-01"]);
    const signed = t.items[2]!;
    expect(signed).toMatchObject({ kind: "encounter", status: "SIGNED", doctor: "Dra. Helena Costa", diagnoses: [{ code: "I10" }, { code: "E11" }] });
    expect(JSON.stringify(t)).not.toContain("Frase secreta");
    expect(t.pinned.allergies).toEqual([expect.objectContaining({ substance: "Dipirona", severity: "SEVERE" })]);
    expect(t.pinned.problems).toEqual([expect.objectContaining({ code: "I10", encounters: 2 })]);
    expect(t.nextCursor).toBeNull();
    expect(await asOwner("SELECT data_type, purpose, legal_basis FROM data_access_logs WHERE request_id = $1", [ctx.requestId]))
      .toEqual([{ data_type: "patient_timeline", purpose: "tutela da saúde", legal_basis: "HEALTH_PROTECTION" }]);
  });

  it("filters by kind and by period in the clinic's days (URL parameters)", async () => {
    const vitals = await getPatientTimeline(as(doctor), patient.id, parseTimelineParams({ tipo: "vitals" }));
    expect(kindsAt(vitals.items)).toEqual(["vitals@03-15", "vitals@03-10"]);
    const diagnoses = await getPatientTimeline(as(doctor), patient.id, parseTimelineParams({ tipo: "diagnosis,bogus" }));
    expect(kindsAt(diagnoses.items)).toEqual(["diagnosis@03-10", "diagnosis@03-01"]);
    const period = await getPatientTimeline(as(doctor), patient.id, parseTimelineParams({ de: "2026-03-05", ate: "2026-03-10" }));
    expect(kindsAt(period.items)).toEqual(["encounter@03-10", "vitals@03-10", "allergy@03-05"]);
  });

  it("pages a 300-encounter chart by keyset, each page bounded, nothing repeated or lost", async () => {
    const busy = await createPatient(clinic);
    await withTenant(scopeFor(clinic), async (tx) => {
      const records = await tx.medicalRecord.createManyAndReturn({
        data: Array.from({ length: 300 }, (_, i) => ({ patientId: busy.id, doctorId: doctor.id, occurredAt: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000) })),
        select: { id: true },
      });
      await tx.medicalRecordDiagnosis.createMany({ data: records.map((r) => ({ medicalRecordId: r.id, code: "J45", position: 0, isMain: true })) });
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    let pinned = 0;
    do {
      const page = await getPatientTimeline(as(doctor), busy.id, { ...parseTimelineParams({ tipo: "encounter" }), cursor });
      expect(page.items.length).toBeLessThanOrEqual(TIMELINE_PAGE);
      seen.push(...page.items.map((i) => i.id));
      pinned = page.pinned.problems[0]?.encounters ?? 0;
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(10);
    expect(new Set(seen).size).toBe(300);
    expect(pinned).toBe(300);
  });

  it("refuses secretary, finance and admin without a grant, logs nothing, and hides other clinics' patients", async () => {
    for (const role of ["secretary", "finance", "admin"] as const) {
      const ctx = as(await createUser(clinic, { roles: [role] }));
      expect((await failure(getPatientTimeline(ctx, patient.id, parseTimelineParams({})))).code).toBe("forbidden");
      expect(await asOwner("SELECT 1 FROM data_access_logs WHERE request_id = $1", [ctx.requestId])).toEqual([]);
    }
    const foreign = await createPatient(other);
    expect((await failure(getPatientTimeline(as(doctor), foreign.id, parseTimelineParams({})))).code).toBe("not_found");
    expect((await failure(getPatientTimeline(as(doctor), patient.id, { ...parseTimelineParams({}), cursor: "x|y" }))).code).toBe("validation");
  });
});
