// /api/v1/medical-records through its route handlers: open, save at a version, sign, addendum,
// review and verification, with the refusals a wrong role, a stale client or another clinic meets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { ensureCid10, giveSigningIdentity } from "@/lib/ehr/records/test-fixtures";
import { schedulingClinic, type SchedulingClinic } from "@/lib/scheduling/test-fixtures";
import { asOwner, closeOwnerPool, createUser } from "@/lib/testing/factories";
import { GET as list, POST as create } from "@/app/api/v1/medical-records/route";
import { GET as getOne, PUT as save } from "@/app/api/v1/medical-records/[id]/route";
import { POST as sign } from "@/app/api/v1/medical-records/[id]/sign/route";
import { POST as addendum } from "@/app/api/v1/medical-records/[id]/addenda/route";
import { POST as review } from "@/app/api/v1/medical-records/[id]/review/route";
import { GET as verification } from "@/app/api/v1/medical-records/[id]/verification/route";
import { accessTokenFor, apiRequest, idParams, type ErrorBody } from "./testing";

const NO_2FA = { security: { twoFactorRequiredRoles: [] } };
let c: SchedulingClinic;
let other: SchedulingClinic;
let doctor: string;
let otherDoctor: string;
let secretary: string;
let finance: string;
let outsider: string;

type Rec = { id: string; version: number; status: string; contentHash: string; sections: Record<string, string>; addenda: { text: string }[] };
const base = "/api/v1/medical-records";
const req = (path: string, token: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  apiRequest(c.tenant, path, { token, ...init });
const rowOf = async (id: string) => (await asOwner<Record<string, unknown>>("SELECT * FROM medical_records WHERE id = $1", [id]))[0];

async function newDraft(): Promise<Rec> {
  const res = await create(req(base, doctor, { body: { patientId: c.patients[0]!.id } }));
  expect(res.status).toBe(201);
  return (await res.json()) as Rec;
}

beforeAll(async () => {
  await ensureCid10();
  [c, other] = await Promise.all([schedulingClinic({ settings: NO_2FA }), schedulingClinic({ settings: NO_2FA })]);
  await giveSigningIdentity(c);
  const [sec, fin, od] = await Promise.all([
    createUser(c.tenant, { roles: ["secretary"] }), createUser(c.tenant, { roles: ["finance"] }), createUser(other.tenant, { roles: ["doctor"] }),
  ]);
  [doctor, otherDoctor, secretary, finance, outsider] = await Promise.all([
    accessTokenFor(c.tenant, c.doctor), accessTokenFor(c.tenant, c.otherDoctor), accessTokenFor(c.tenant, sec),
    accessTokenFor(c.tenant, fin), accessTokenFor(other.tenant, od),
  ]);
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

describe("create, read and save", () => {
  it("POST opens a walk-in note (201, Location; the same Idempotency-Key replays it); GET reads it, logged", async () => {
    const send = () => create(req(base, doctor, { body: { patientId: c.patients[1]!.id }, headers: { "idempotency-key": "walk-in-1" } }));
    const first = await send();
    expect(first.status).toBe(201);
    const rec = (await first.json()) as Rec;
    expect(first.headers.get("location")).toBe(`${base}/${rec.id}`);
    const again = await send();
    expect(again.headers.get("idempotency-replayed")).toBe("true");
    expect(((await again.json()) as Rec).id).toBe(rec.id);
    const res = await getOne(req(`${base}/${rec.id}`, doctor), idParams(rec.id));
    expect(res.status).toBe(200);
    expect(await asOwner("SELECT 1 FROM data_access_logs WHERE entity_id = $1", [rec.id])).not.toHaveLength(0);
  });

  it("PUT saves at the loaded version; a stale one is 409 and bad input 400, nothing changed", async () => {
    const rec = await newDraft();
    const ok = await save(req(`${base}/${rec.id}`, doctor, { method: "PUT", body: { version: 1, sections: { plan: "Retorno em 15 dias" }, diagnoses: [{ code: "I10", isMain: true }] } }), idParams(rec.id));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: rec.id, version: 2 });
    const before = await rowOf(rec.id);
    const stale = await save(req(`${base}/${rec.id}`, doctor, { method: "PUT", body: { version: 1, sections: { plan: "velho" } } }), idParams(rec.id));
    expect([stale.status, ((await stale.json()) as ErrorBody).error.code]).toEqual([409, "conflict"]);
    const bad = await save(req(`${base}/${rec.id}`, doctor, { method: "PUT", body: { version: "dois", sections: { plan: 3 } } }), idParams(rec.id));
    expect(bad.status).toBe(400);
    expect(Object.keys(((await bad.json()) as ErrorBody).error.fields ?? {}).sort()).toEqual(["sections.plan", "version"]);
    expect(await rowOf(rec.id)).toEqual(before);
  });

  it("GET lists with filters and a signed cursor bound to them", async () => {
    await newDraft();
    await newDraft();
    const first = await list(req(`${base}?patientId=${c.patients[0]!.id}&status=DRAFT&limit=1`, doctor));
    const page = (await first.json()) as { data: { id: string; patient: { id: string } }[]; nextCursor: string };
    expect(page.data).toHaveLength(1);
    expect(page.data[0]!.patient.id).toBe(c.patients[0]!.id);
    const second = await list(req(`${base}?patientId=${c.patients[0]!.id}&status=DRAFT&limit=1&cursor=${page.nextCursor}`, doctor));
    expect(((await second.json()) as { data: { id: string }[] }).data[0]!.id).not.toBe(page.data[0]!.id);
    const elsewhere = await list(req(`${base}?status=DRAFT&cursor=${page.nextCursor}`, doctor));
    expect(elsewhere.status).toBe(400);
    expect((await list(req(`${base}?status=LOST`, doctor))).status).toBe(400);
  });
});

describe("sign, lock, addendum, review", () => {
  it("sign conflicts are 409 and change nothing; then signing locks: PUT is 409, an addendum is 201", async () => {
    const rec = await newDraft();
    const path = `${base}/${rec.id}/sign`;
    const before = await rowOf(rec.id);
    for (const [token, body] of [[otherDoctor, { version: 1 }], [doctor, { version: 1, contentHash: "f".repeat(64) }], [doctor, { version: 7 }]] as const) {
      const res = await sign(req(path, token, { body }), idParams(rec.id));
      expect([res.status, ((await res.json()) as ErrorBody).error.code]).toEqual([409, "conflict"]);
    }
    expect(await rowOf(rec.id)).toEqual(before);
    const ok = await sign(req(path, doctor, { body: { version: 1, contentHash: rec.contentHash } }), idParams(rec.id));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: "SIGNED", contentHash: rec.contentHash });
    expect((await sign(req(path, doctor, { body: { version: 2 } }), idParams(rec.id))).status).toBe(409);
    const edit = await save(req(`${base}/${rec.id}`, doctor, { method: "PUT", body: { version: 2, sections: { plan: "mudar" } } }), idParams(rec.id));
    expect(edit.status).toBe(409);
    const add = await addendum(req(`${base}/${rec.id}/addenda`, doctor, { body: { text: "Acrescento: alergia a dipirona relatada" } }), idParams(rec.id));
    expect(add.status).toBe(201);
    const read = (await (await getOne(req(`${base}/${rec.id}`, doctor), idParams(rec.id))).json()) as Rec;
    expect(read.addenda.map((a) => a.text)).toEqual(["Acrescento: alergia a dipirona relatada"]);
    const check = await verification(req(`${base}/${rec.id}/verification`, doctor), idParams(rec.id));
    expect(await check.json()).toMatchObject({ valid: true, contentMatches: true, signerKind: "local-ca" });
  });

  it("review: submitting a note that needs no review is 409; a bad action is 400", async () => {
    const rec = await newDraft();
    const submit = await review(req(`${base}/${rec.id}/review`, doctor, { body: { action: "submit", version: 1 } }), idParams(rec.id));
    expect(submit.status).toBe(409);
    expect((await review(req(`${base}/${rec.id}/review`, doctor, { body: { action: "sign" } }), idParams(rec.id))).status).toBe(400);
  });
});

describe("who is refused", () => {
  it("front desk and finance get 403 on every door, and never see the narrative", async () => {
    const rec = await newDraft();
    for (const token of [secretary, finance]) {
      const answers = [
        await getOne(req(`${base}/${rec.id}`, token), idParams(rec.id)),
        await save(req(`${base}/${rec.id}`, token, { method: "PUT", body: { version: 1, sections: {} } }), idParams(rec.id)),
        await sign(req(`${base}/${rec.id}/sign`, token, { body: { version: 1 } }), idParams(rec.id)),
        await list(req(base, token)),
        await create(req(base, token, { body: { patientId: c.patients[0]!.id } })),
      ];
      expect(answers.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    }
  });

  it("another clinic's doctor gets 404 for this clinic's record on every door", async () => {
    const rec = await newDraft();
    const o = (path: string, init: { method?: string; body?: unknown } = {}) => apiRequest(other.tenant, path, { token: outsider, ...init });
    const answers = [
      await getOne(o(`${base}/${rec.id}`), idParams(rec.id)),
      await save(o(`${base}/${rec.id}`, { method: "PUT", body: { version: 1, sections: {} } }), idParams(rec.id)),
      await sign(o(`${base}/${rec.id}/sign`, { body: { version: 1 } }), idParams(rec.id)),
      await addendum(o(`${base}/${rec.id}/addenda`, { body: { text: "x" } }), idParams(rec.id)),
      await review(o(`${base}/${rec.id}/review`, { body: { action: "submit", version: 1 } }), idParams(rec.id)),
      await verification(o(`${base}/${rec.id}/verification`), idParams(rec.id)),
      await create(o(base, { body: { patientId: c.patients[0]!.id } })),
    ];
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    expect(await rowOf(rec.id)).toMatchObject({ version: 1, status: "DRAFT" });
  });
});
