// /api/v1/prescriptions through its route handlers: draft, save at a version, sign, cancel,
// renew and verify, with what a wrong role, a stale client or another clinic meets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { ensureDrugCatalogue, freeItem, prescribingClinic, type PrescribingClinic } from "@/lib/prescriptions/test-fixtures";
import { asOwner, closeOwnerPool, createUser } from "@/lib/testing/factories";
import { GET as list, POST as create } from "@/app/api/v1/prescriptions/route";
import { GET as getOne, PUT as save } from "@/app/api/v1/prescriptions/[id]/route";
import { POST as sign } from "@/app/api/v1/prescriptions/[id]/sign/route";
import { POST as cancel } from "@/app/api/v1/prescriptions/[id]/cancel/route";
import { POST as renew } from "@/app/api/v1/prescriptions/[id]/renew/route";
import { POST as dispense } from "@/app/api/v1/prescriptions/[id]/dispense/route";
import { GET as verify } from "@/app/api/v1/prescriptions/verify/route";
import { accessTokenFor, apiRequest, idParams, type ErrorBody } from "./testing";

const NO_2FA = { security: { twoFactorRequiredRoles: [] } };
let c: PrescribingClinic;
let other: PrescribingClinic;
let doctor: string;
let otherDoctor: string;
let secretary: string;
let outsider: string;

type Rx = { id: string; version: number; status: string; items: { id: string; quantityWords: string }[] };
const base = "/api/v1/prescriptions";
const req = (path: string, token: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  apiRequest(c.tenant, path, { token, ...init });
const rowOf = async (id: string) => (await asOwner<Record<string, unknown>>("SELECT * FROM prescriptions WHERE id = $1", [id]))[0];

async function newDraft(items = [freeItem("losartana 50 mg", { continuousUse: true })]): Promise<Rx> {
  const res = await create(req(base, doctor, { body: { medicalRecordId: c.encounterId, items } }));
  expect(res.status).toBe(201);
  return (await res.json()) as Rx;
}

beforeAll(async () => {
  await ensureDrugCatalogue();
  [c, other] = await Promise.all([prescribingClinic({ settings: NO_2FA }), prescribingClinic({ settings: NO_2FA })]);
  const [sec, od] = await Promise.all([createUser(c.tenant, { roles: ["secretary"] }), createUser(other.tenant, { roles: ["doctor"] })]);
  [doctor, otherDoctor, secretary, outsider] = await Promise.all([
    accessTokenFor(c.tenant, c.doctor), accessTokenFor(c.tenant, c.otherDoctor), accessTokenFor(c.tenant, sec), accessTokenFor(other.tenant, od),
  ]);
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

describe("/api/v1/prescriptions", () => {
  it("creates a draft (201), reads it, saves it at its version, signs it; the signed one answers 409 to a change", async () => {
    const rx = await newDraft();
    expect(rx).toMatchObject({ status: "DRAFT", version: 1, items: [{ quantityWords: "duas" }] });
    const got = await getOne(req(`${base}/${rx.id}`, doctor), idParams(rx.id));
    expect(got.status).toBe(200);
    const saved = await save(req(`${base}/${rx.id}`, doctor, { method: "PUT", body: { version: 1, items: [freeItem("losartana 100 mg", { continuousUse: true })] } }), idParams(rx.id));
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as Rx).version).toBe(2);
    const signed = await sign(req(`${base}/${rx.id}/sign`, doctor, { body: { version: 2 } }), idParams(rx.id));
    expect(signed.status).toBe(200);
    expect(await signed.json()).toMatchObject({ status: "SIGNED", verificationCode: expect.any(String) });
    const put = await save(req(`${base}/${rx.id}`, doctor, { method: "PUT", body: { version: 3, items: [] } }), idParams(rx.id));
    expect(put.status).toBe(409);
    expect(((await put.json()) as ErrorBody & { error: { reason: string } }).error.reason).toBe("signedImmutable");
  });

  it("lists by patient and by encounter", async () => {
    const rx = await newDraft();
    const byPatient = await list(req(`${base}?patientId=${c.patients[0]!.id}`, doctor));
    expect(((await byPatient.json()) as { data: { id: string }[] }).data.map((p) => p.id)).toContain(rx.id);
    const none = await list(req(base, doctor));
    expect(none.status).toBe(400);
  });

  it("bad input: a clear field error and nothing written", async () => {
    const before = await asOwner("SELECT id FROM prescriptions WHERE tenant_id = $1", [c.tenant.id]);
    const res = await create(req(base, doctor, { body: { medicalRecordId: c.encounterId, items: [freeItem("x", { quantity: -3, route: "" })] } }));
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorBody;
    expect(Object.keys(error.fields ?? {})).toEqual(expect.arrayContaining(["items.0.quantity", "items.0.route"]));
    expect(await asOwner("SELECT id FROM prescriptions WHERE tenant_id = $1", [c.tenant.id])).toEqual(before);
  });

  it("a secretary cannot prescribe, sign, cancel or read (403); another doctor cannot change the author's", async () => {
    const rx = await newDraft();
    expect((await create(req(base, secretary, { body: { medicalRecordId: c.encounterId, items: [] } }))).status).toBe(403);
    expect((await sign(req(`${base}/${rx.id}/sign`, secretary, { body: { version: 1 } }), idParams(rx.id))).status).toBe(403);
    expect((await cancel(req(`${base}/${rx.id}/cancel`, secretary, { body: { reason: "x" } }), idParams(rx.id))).status).toBe(403);
    expect((await getOne(req(`${base}/${rx.id}`, secretary), idParams(rx.id))).status).toBe(403);
    expect((await sign(req(`${base}/${rx.id}/sign`, otherDoctor, { body: { version: 1 } }), idParams(rx.id))).status).toBe(409);
    expect(await rowOf(rx.id)).toMatchObject({ status: "DRAFT", version: 1 });
  });

  it("another clinic's prescription id answers 404 on every endpoint", async () => {
    const rx = await newDraft();
    const o = (path: string, init: { method?: string; body?: unknown } = {}) => apiRequest(other.tenant, path, { token: outsider, ...init });
    const answers = [
      await getOne(o(`${base}/${rx.id}`), idParams(rx.id)),
      await save(o(`${base}/${rx.id}`, { method: "PUT", body: { version: 1, items: [] } }), idParams(rx.id)),
      await sign(o(`${base}/${rx.id}/sign`, { body: { version: 1 } }), idParams(rx.id)),
      await cancel(o(`${base}/${rx.id}/cancel`, { body: { reason: "x" } }), idParams(rx.id)),
      await renew(o(`${base}/${rx.id}/renew`, { body: { medicalRecordId: other.encounterId } }), idParams(rx.id)),
      await list(o(`${base}?patientId=${c.patients[0]!.id}`)),
      await list(o(`${base}?medicalRecordId=${c.encounterId}`)),
    ];
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    expect(await rowOf(rx.id)).toMatchObject({ status: "DRAFT", version: 1 });
  });

  it("cancel and renew; POSTs honour Idempotency-Key", async () => {
    const rx = await newDraft();
    await sign(req(`${base}/${rx.id}/sign`, doctor, { body: { version: 1 } }), idParams(rx.id));
    const headers = { "idempotency-key": `renew-${rx.id}` };
    const r1 = await renew(req(`${base}/${rx.id}/renew`, doctor, { body: { medicalRecordId: c.encounterId }, headers }), idParams(rx.id));
    const r2 = await renew(req(`${base}/${rx.id}/renew`, doctor, { body: { medicalRecordId: c.encounterId }, headers }), idParams(rx.id));
    expect([r1.status, r2.status]).toEqual([201, 201]);
    expect(((await r1.json()) as Rx).id).toBe(((await r2.json()) as Rx).id);
    expect(await asOwner("SELECT id FROM prescriptions WHERE renewed_from_id = $1", [rx.id])).toHaveLength(1);
    const res = await cancel(req(`${base}/${rx.id}/cancel`, doctor, { body: { reason: "Suspensa pelo cardiologista" } }), idParams(rx.id));
    expect(await res.json()).toEqual({ id: rx.id, status: "CANCELLED" });
  });

  it("verify answers the public facts of a code on the clinic's host, 404 elsewhere; dispense without a pharmacy token is 401", async () => {
    const rx = await newDraft();
    const signed = (await (await sign(req(`${base}/${rx.id}/sign`, doctor, { body: { version: 1 } }), idParams(rx.id))).json()) as { verificationCode: string };
    const ok = await verify(apiRequest(c.tenant, `${base}/verify?code=${encodeURIComponent(signed.verificationCode)}`));
    expect(ok.status).toBe(200);
    expect(JSON.stringify(await ok.json())).not.toContain(c.patients[0]!.fullName);
    expect((await verify(apiRequest(other.tenant, `${base}/verify?code=${encodeURIComponent(signed.verificationCode)}`))).status).toBe(404);
    expect((await verify(apiRequest(c.tenant, `${base}/verify?code=`))).status).toBe(404);
    // A doctor's own API token is not a pharmacy credential.
    expect((await dispense(req(`${base}/${rx.id}/dispense`, doctor, { body: {} }), idParams(rx.id))).status).toBe(401);
  });
});
