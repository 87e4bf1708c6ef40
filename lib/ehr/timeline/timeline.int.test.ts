// The patient timeline against the real database: kinds merged newest first, filters by kind and
// period, pinned allergies and continuous problems, keyset paging over 300 encounters, no
// narrative in the answer, the read logged, and who is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/patients/[id]/timeline/route";
import { accessTokenFor, apiRequest, idParams, type ErrorBody } from "@/lib/api/testing";
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
import { parseTimelineParams, TIMELINE_PAGE, type PatientTimeline, type TimelineItem } from "./schemas";

let clinic: TestTenant;
let other: TestTenant;
let doctor: TestUser;
let patient: TestPatient;

const day = (d: number, h = 12) => new Date(Date.UTC(2026, 2, d, h));

beforeAll(async () => {
  // Diagnoses reference cid10_codes: the fresh test database needs the table.
  await ensureCid10();
  // No second factor demanded, so the API tests can sign in with a password alone.
  [clinic, other] = await Promise.all([createTenant({ settings: { security: { twoFactorRequiredRoles: [] } } }), createTenant()]);
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

describe("GET /api/v1/patients/{id}/timeline", () => {
  const path = (id: string, query = "") => `/api/v1/patients/${id}/timeline${query}`;
  const get = (id: string, token: string, query = "") => GET(apiRequest(clinic, path(id, query), { token }), idParams(id));

  it("answers the page's timeline with its filters, logs the read, and never the narrative", async () => {
    const token = await accessTokenFor(clinic, doctor);
    const res = await get(patient.id, token, "?kinds=vitals,allergy&from=2026-03-01&to=2026-03-31");
    expect(res.status).toBe(200);
    const body = (await res.json()) as PatientTimeline;
    expect(kindsAt(body.items)).toEqual(["vitals@03-15", "vitals@03-10", "allergy@03-05"]);
    expect(body.pinned.allergies.map((a) => a.substance)).toEqual(["Dipirona"]);
    expect(body.pinned.problems.map((p) => [p.code, p.encounters])).toEqual([["I10", 2]]);
    expect(JSON.stringify(body)).not.toContain("Frase secreta");
    expect(await asOwner("SELECT data_type FROM data_access_logs WHERE patient_id = $1 AND data_type = 'patient_timeline' AND user_id = $2",
      [patient.id, doctor.id])).not.toEqual([]);
  });

  it("is 404 for another clinic's patient, 403 for a secretary, 401 without a token and 400 for a bad cursor", async () => {
    const token = await accessTokenFor(clinic, doctor);
    const foreign = await createPatient(other);
    expect((await get(foreign.id, token)).status).toBe(404);
    const secretary = await createUser(clinic, { roles: ["secretary"] });
    const refused = await get(patient.id, await accessTokenFor(clinic, secretary));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorBody).error.code).toBe("forbidden");
    expect((await GET(apiRequest(clinic, path(patient.id)), idParams(patient.id))).status).toBe(401);
    expect((await get(patient.id, token, "?cursor=x%7Cy")).status).toBe(400);
  });
});
