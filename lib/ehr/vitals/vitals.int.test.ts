// Vital signs against the real database (app role, RLS live) and through the route handlers:
// what a doctor records, what is refused or questioned (and that nothing is written then), who
// may read, and the data_access_logs row every read leaves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/v1/patients/[id]/vital-signs/route";
import { accessTokenFor, apiRequest, idParams, type ErrorBody } from "@/lib/api/testing";
import { disconnectDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createMedicalRecord } from "@/lib/testing/ehr-factories";
import {
  asOwner, closeOwnerPool, createPatient, createTenant, createUser, scopeFor, type TestPatient, type TestTenant, type TestUser,
} from "@/lib/testing/factories";
import { recordVitalSigns } from "./mutations";
import { listVitalSigns } from "./queries";
import type { VitalSignDto } from "./schemas";

let clinic: TestTenant;
let other: TestTenant;
let doctor: TestUser;
let secretary: TestUser;
let finance: TestUser;
let admin: TestUser;
let patient: TestPatient;
let foreign: TestPatient;

beforeAll(async () => {
  [clinic, other] = await Promise.all([createTenant({ settings: { security: { twoFactorRequiredRoles: [] } } }), createTenant()]);
  [doctor, secretary, finance, admin] = (await Promise.all((["doctor", "secretary", "finance", "admin"] as const).map((r) => createUser(clinic, { roles: [r] })))) as [TestUser, TestUser, TestUser, TestUser];
  patient = await createPatient(clinic);
  foreign = await createPatient(other);
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

const as = (u: TestUser, tenant = clinic) => scopeFor(tenant, u, u.roles);
const vitalsOf = (patientId: string) => asOwner<{ heart_rate_bpm: number | null; confirmed_implausible: string[] }>(
  "SELECT heart_rate_bpm, confirmed_implausible FROM vital_signs WHERE patient_id = $1 ORDER BY measured_at, id", [patientId]);
const logsOf = (requestId: string) => asOwner("SELECT user_id, patient_id, data_type, purpose, legal_basis FROM data_access_logs WHERE request_id = $1", [requestId]);
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a refusal"); }, (e: unknown) => e as AppError);

describe("recordVitalSigns", () => {
  it("stores the measures with units converted, computes BMI and audits field names only", async () => {
    const ctx = as(doctor);
    const row = await recordVitalSigns(ctx, patient.id, {
      systolicMmhg: "128", diastolicMmhg: "82", heartRateBpm: 76, temperatureC: "36,7", weightKg: "70,5", heightCm: 175, painScore: 0,
    });
    expect(row.values).toEqual({ systolicMmhg: 128, diastolicMmhg: 82, heartRateBpm: 76, temperatureC: 36.7, weightKg: 70.5, heightCm: 175, painScore: 0 });
    expect(row.bmi).toBe(23);
    expect(row.recordedBy).toEqual({ id: doctor.id, name: doctor.name });
    expect(await asOwner("SELECT weight_grams, temperature_c::text AS t FROM vital_signs WHERE id = $1", [row.id])).toEqual([{ weight_grams: 70500, t: "36.7" }]);
    const [audit] = await asOwner<{ action: string; metadata: Record<string, unknown> }>("SELECT action, metadata FROM audit_logs WHERE request_id = $1", [ctx.requestId]);
    expect(audit!.action).toBe("ehr.vital_signs_recorded");
    expect(audit!.metadata.fields).toEqual(["systolicMmhg", "diastolicMmhg", "heartRateBpm", "temperatureC", "weightKg", "heightCm", "painScore"]);
    expect(JSON.stringify(audit!.metadata)).not.toMatch(/128|70\.5|36\.7/);
  });

  it("refuses 'abc' and 999 bpm as field errors and writes nothing", async () => {
    const fresh = await createPatient(clinic);
    const bad = await failure(recordVitalSigns(as(doctor), fresh.id, { heartRateBpm: "abc", respiratoryRate: 999 }));
    expect(bad.code).toBe("validation");
    expect(bad.fields?.heartRateBpm?.[0]).toBe("Informe um número.");
    expect(bad.fields?.respiratoryRate?.[0]).toBe("Valor impossível: aceito de 4 a 100 irpm.");
    expect((await failure(recordVitalSigns(as(doctor), fresh.id, { heartRateBpm: 999 }))).fields).toEqual({ heartRateBpm: ["Valor impossível: aceito de 20 a 300 bpm."] });
    expect((await failure(recordVitalSigns(as(doctor), fresh.id, { systolicMmhg: 70, diastolicMmhg: 90 }))).fields?.diastolicMmhg).toHaveLength(1);
    expect((await failure(recordVitalSigns(as(doctor), fresh.id, { heartRateBpm: 70, measuredAt: "2999-01-01T10:00" }))).fields?.measuredAt).toHaveLength(1);
    expect(await vitalsOf(fresh.id)).toEqual([]);
  });

  it("asks to confirm an implausible value (422, nothing saved) and saves it once confirmed", async () => {
    const fresh = await createPatient(clinic);
    const asked = await failure(recordVitalSigns(as(doctor), fresh.id, { heartRateBpm: 200, spo2Percent: 97 }));
    expect(asked.code).toBe("unprocessable");
    expect(Object.keys(asked.fields ?? {})).toEqual(["heartRateBpm"]);
    expect(await vitalsOf(fresh.id)).toEqual([]);
    const saved = await recordVitalSigns(as(doctor), fresh.id, { heartRateBpm: 200, spo2Percent: 97, confirmImplausible: ["heartRateBpm"] });
    expect(saved.confirmedImplausible).toEqual(["heartRateBpm"]);
    expect(await vitalsOf(fresh.id)).toEqual([{ heart_rate_bpm: 200, confirmed_implausible: ["heartRateBpm"] }]);
  });

  it("links to an encounter of the same patient only", async () => {
    const record = await createMedicalRecord(clinic, patient, doctor);
    const otherPatient = await createPatient(clinic);
    expect((await recordVitalSigns(as(doctor), patient.id, { heartRateBpm: 80, medicalRecordId: record.id })).medicalRecordId).toBe(record.id);
    expect((await failure(recordVitalSigns(as(doctor), otherPatient.id, { heartRateBpm: 80, medicalRecordId: record.id }))).code).toBe("not_found");
    expect(await vitalsOf(otherPatient.id)).toEqual([]);
  });

  it("is refused to secretary, finance and admin, and another clinic's patient is not found", async () => {
    const fresh = await createPatient(clinic);
    for (const user of [secretary, finance, admin]) {
      expect((await failure(recordVitalSigns(as(user), fresh.id, { heartRateBpm: 70 }))).code).toBe("forbidden");
    }
    expect((await failure(recordVitalSigns(as(doctor), foreign.id, { heartRateBpm: 70 }))).code).toBe("not_found");
    expect(await vitalsOf(fresh.id)).toEqual([]);
    expect(await vitalsOf(foreign.id)).toEqual([]);
  });

  it("cannot store an impossible value even past the code: the database checks the valid ranges", async () => {
    await expect(asOwner(
      `INSERT INTO vital_signs (id, tenant_id, patient_id, measured_at, heart_rate_bpm, recorded_by) VALUES (gen_random_uuid(), $1, $2, now(), 999, $3)`,
      [clinic.id, patient.id, doctor.id])).rejects.toThrow(/vital_signs_heart_rate_valid/);
    await expect(asOwner(
      `INSERT INTO vital_signs (id, tenant_id, patient_id, measured_at, systolic_mmhg, diastolic_mmhg, recorded_by) VALUES (gen_random_uuid(), $1, $2, now(), 80, 90, $3)`,
      [clinic.id, patient.id, doctor.id])).rejects.toThrow(/vital_signs_pressure_order/);
  });
});

describe("listVitalSigns", () => {
  it("pages newest first and logs each read with purpose and legal basis", async () => {
    const p = await createPatient(clinic);
    for (let i = 0; i < 5; i++) await recordVitalSigns(as(doctor), p.id, { heartRateBpm: 60 + i, measuredAt: new Date(Date.UTC(2026, 0, 1 + i, 12)).toISOString() });
    const ctx = as(doctor);
    const first = await listVitalSigns(ctx, p.id, { limit: 3 });
    expect(first.rows.map((r) => r.values.heartRateBpm)).toEqual([64, 63, 62]);
    expect(await logsOf(ctx.requestId)).toEqual([{ user_id: doctor.id, patient_id: p.id, data_type: "vital_signs", purpose: "tutela da saúde", legal_basis: "HEALTH_PROTECTION" }]);
    const second = await listVitalSigns(as(doctor), p.id, { limit: 3, cursor: first.nextCursor });
    expect(second.rows.map((r) => r.values.heartRateBpm)).toEqual([61, 60]);
    expect(second.nextCursor).toBeNull();
  });

  it("refuses secretary and finance (403, no log) and answers 404 for another clinic's patient", async () => {
    for (const user of [secretary, finance]) {
      const ctx = as(user);
      expect((await failure(listVitalSigns(ctx, patient.id))).code).toBe("forbidden");
      expect(await logsOf(ctx.requestId)).toEqual([]);
    }
    expect((await failure(listVitalSigns(as(doctor), foreign.id))).code).toBe("not_found");
    expect((await failure(listVitalSigns(as(doctor), "not-a-uuid"))).code).toBe("not_found");
  });
});

describe("/api/v1/patients/{id}/vital-signs", () => {
  let doctorToken: string;
  let secretaryToken: string;
  beforeAll(async () => {
    [doctorToken, secretaryToken] = await Promise.all([accessTokenFor(clinic, doctor), accessTokenFor(clinic, secretary)]);
  });
  const path = (id: string) => `/api/v1/patients/${id}/vital-signs`;

  it("records (201), questions an implausible value (422) and lists with a signed cursor", async () => {
    const p = await createPatient(clinic);
    const created = await POST(apiRequest(clinic, path(p.id), { token: doctorToken, body: { heartRateBpm: 72, spo2Percent: 98 } }), idParams(p.id));
    expect(created.status).toBe(201);
    const implausible = await POST(apiRequest(clinic, path(p.id), { token: doctorToken, body: { temperatureC: 42.5 } }), idParams(p.id));
    expect(implausible.status).toBe(422);
    expect(((await implausible.json()) as ErrorBody).error.fields).toHaveProperty("temperatureC");
    const invalid = await POST(apiRequest(clinic, path(p.id), { token: doctorToken, body: { heartRateBpm: "abc" } }), idParams(p.id));
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as ErrorBody).error.fields).toHaveProperty("heartRateBpm");
    await POST(apiRequest(clinic, path(p.id), { token: doctorToken, body: { temperatureC: 42.5, confirmImplausible: ["temperatureC"] } }), idParams(p.id));
    const page = await GET(apiRequest(clinic, `${path(p.id)}?limit=1`, { token: doctorToken }), idParams(p.id));
    const body = (await page.json()) as { data: VitalSignDto[]; nextCursor: string };
    expect(body.data).toHaveLength(1);
    const next = await GET(apiRequest(clinic, `${path(p.id)}?limit=5&cursor=${body.nextCursor}`, { token: doctorToken }), idParams(p.id));
    expect(((await next.json()) as { data: VitalSignDto[] }).data).toHaveLength(1);
    const forged = await GET(apiRequest(clinic, `${path(p.id)}?cursor=${body.nextCursor}x`, { token: doctorToken }), idParams(p.id));
    expect(forged.status).toBe(400);
  });

  it("answers 403 to a secretary (read and write) and 404 for another clinic's patient", async () => {
    const p = await createPatient(clinic);
    expect((await GET(apiRequest(clinic, path(p.id), { token: secretaryToken }), idParams(p.id))).status).toBe(403);
    expect((await POST(apiRequest(clinic, path(p.id), { token: secretaryToken, body: { heartRateBpm: 70 } }), idParams(p.id))).status).toBe(403);
    expect((await GET(apiRequest(clinic, path(foreign.id), { token: doctorToken }), idParams(foreign.id))).status).toBe(404);
    expect((await POST(apiRequest(clinic, path(foreign.id), { token: doctorToken, body: { heartRateBpm: 70 } }), idParams(foreign.id))).status).toBe(404);
    expect(await vitalsOf(p.id)).toEqual([]);
    expect(await vitalsOf(foreign.id)).toEqual([]);
  });
});
