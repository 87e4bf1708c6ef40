// /api/v1/patients through its route handlers: search filters and signed cursors, registration
// with Idempotency-Key, one record, edits, and what another clinic or a wrong role meets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCpf } from "@/lib/br/documents";
import { disconnectDb } from "@/lib/db/client";
import {
  asOwner, closeOwnerPool, createPatient, createTenant, createUser, type TestPatient, type TestTenant, type TestUser,
} from "@/lib/testing/factories";
import { GET as list, POST as create } from "@/app/api/v1/patients/route";
import { GET as getOne, PUT as update } from "@/app/api/v1/patients/[id]/route";
import { accessTokenFor, apiRequest, idParams, type ErrorBody } from "./testing";

let clinic: TestTenant;
let other: TestTenant;
let secretary: string;
let doctor: string;
let finance: string;
let patientToken: string;
let souzas: TestPatient[];
let foreign: TestPatient;

const patientsOf = (tenantId: string) =>
  asOwner<{ id: string; full_name: string; phone: string | null }>("SELECT id, full_name, phone FROM patients WHERE tenant_id = $1 ORDER BY id", [tenantId]);

beforeAll(async () => {
  [clinic, other] = await Promise.all([createTenant({ settings: { security: { twoFactorRequiredRoles: [] } } }), createTenant()]);
  const users = await Promise.all((["secretary", "doctor", "finance", "patient"] as const).map((role) => createUser(clinic, { roles: [role] })));
  [secretary, doctor, finance, patientToken] = (await Promise.all(users.map((u: TestUser) => accessTokenFor(clinic, u)))) as [string, string, string, string];
  souzas = [];
  for (const [i, first] of ["Ana", "Bruna", "Carla", "Daniela", "Elisa", "Fabiana", "Gabriela"].entries()) {
    souzas.push(await createPatient(clinic, { fullName: `${first} Souza Teste`, phone: `1198765432${i}`, birthDate: new Date(Date.UTC(1980, 4, i + 1)) }));
  }
  foreign = await createPatient(other, { fullName: "Ana Souza de Outra Clínica" });
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

type Page = { data: { id: string; fullName: string }[]; nextCursor: string | null; total: number };
const get = async (path: string, token = secretary) => {
  const res = await list(apiRequest(clinic, path, { token }));
  return { status: res.status, body: (await res.json()) as Page & ErrorBody };
};

describe("GET /api/v1/patients", () => {
  it("pages a name search completely with signed cursors bound to the query", async () => {
    const names: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await get(`/api/v1/patients?q=souza%20teste&limit=5${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      names.push(...page.body.data.map((p) => p.fullName));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 5);
    expect(pages).toBe(2);
    expect(names).toEqual(souzas.map((p) => p.fullName));
    const first = await get("/api/v1/patients?q=souza%20teste&limit=5");
    expect((await get(`/api/v1/patients?q=ana&limit=5&cursor=${first.body.nextCursor}`)).status).toBe(400);
    expect((await get(`/api/v1/patients?q=souza%20teste&limit=5&cursor=${first.body.nextCursor!.slice(0, -2)}AA`)).status).toBe(400);
  });

  it("finds by CPF, phone and birth date, never another clinic's patient", async () => {
    const target = souzas[2]!;
    const byCpf = await get(`/api/v1/patients?cpf=${target.cpf}`);
    const byPhone = await get("/api/v1/patients?phone=(11)%2098765-4322");
    const byBirth = await get("/api/v1/patients?birthDate=1980-05-03");
    for (const r of [byCpf, byPhone, byBirth]) expect(r.body.data.map((p) => p.id)).toEqual([target.id]);
    expect((await get(`/api/v1/patients?cpf=${foreign.cpf}`)).body.data).toEqual([]);
    expect((await get("/api/v1/patients?q=outra")).body.data).toEqual([]);
  });

  it("answers 400 with the field for a bad filter, and 403 for a patient token", async () => {
    const cases: [string, string][] = [
      ["cpf=12345678900", "cpf"], ["phone=123", "phone"], ["birthDate=1980-02-31", "birthDate"],
      ["q=ana&cpf=" + souzas[0]!.cpf, "q"], ["limit=500", "limit"], ["status=DELETED", "status"],
    ];
    for (const [query, field] of cases) {
      const r = await get(`/api/v1/patients?${query}`);
      expect([r.status, Object.keys(r.body.error.fields ?? {})]).toEqual([400, [field]]);
    }
    expect((await get("/api/v1/patients", patientToken)).status).toBe(403);
  });
});

const newPatient = (over: Record<string, unknown> = {}) => ({
  fullName: "Helena Prado Nova", cpf: generateCpf(), birthDate: "1990-07-15", phone: "11912345678", sex: "FEMALE", ...over,
});

describe("POST /api/v1/patients", () => {
  it("registers: 201 with the record; the same key and body replays it, another body is 422", async () => {
    const body = newPatient();
    const send = (b: unknown) => create(apiRequest(clinic, "/api/v1/patients", { token: secretary, body: b, headers: { "idempotency-key": "reg-helena" } }));
    const first = await send(body);
    expect(first.status).toBe(201);
    const record = (await first.json()) as { id: string; fullName: string; birthDate: string };
    expect(record).toMatchObject({ fullName: "Helena Prado Nova", birthDate: "15/07/1990" });
    expect(first.headers.get("location")).toBe(`/api/v1/patients/${record.id}`);
    const replay = await send(body);
    expect([replay.status, replay.headers.get("idempotency-replayed"), ((await replay.json()) as { id: string }).id]).toEqual([201, "true", record.id]);
    const before = await patientsOf(clinic.id);
    expect((await send(newPatient({ fullName: "Outra Pessoa" }))).status).toBe(422);
    expect(await patientsOf(clinic.id)).toEqual(before);
    const again = await create(apiRequest(clinic, "/api/v1/patients", { token: secretary, body: newPatient({ cpf: body.cpf }) }));
    expect(again.status).toBe(409);
  });

  it("answers 400 with field errors and saves nothing; roles without patients:write get 403", async () => {
    const before = await patientsOf(clinic.id);
    const res = await create(apiRequest(clinic, "/api/v1/patients", { token: secretary, body: { fullName: "X", cpf: "111.111.111-11", phone: "12" } }));
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorBody;
    expect(Object.keys(error.fields ?? {})).toEqual(expect.arrayContaining(["fullName", "cpf", "phone"]));
    for (const token of [doctor, finance, patientToken]) {
      expect((await create(apiRequest(clinic, "/api/v1/patients", { token, body: newPatient() }))).status).toBe(403);
    }
    expect(await patientsOf(clinic.id)).toEqual(before);
  });
});

describe("GET and PUT /api/v1/patients/:id", () => {
  it("reads and edits a record; a bad edit is 400 and changes nothing", async () => {
    const target = souzas[0]!;
    const path = `/api/v1/patients/${target.id}`;
    const res = await getOne(apiRequest(clinic, path, { token: finance }), idParams(target.id));
    expect([res.status, ((await res.json()) as { fullName: string }).fullName]).toEqual([200, target.fullName]);
    const put = (body: unknown, token = secretary) => update(apiRequest(clinic, path, { method: "PUT", token, body }), idParams(target.id));
    const edit = { fullName: target.fullName, cpf: target.cpf, birthDate: "1980-05-01", phone: "11955554444" };
    const ok = await put(edit);
    expect([ok.status, ((await ok.json()) as { phone: string }).phone]).toEqual([200, "11955554444"]);
    const before = await patientsOf(clinic.id);
    expect((await put({ ...edit, phone: "abc" })).status).toBe(400);
    expect((await put(edit, finance)).status).toBe(403);
    expect(await patientsOf(clinic.id)).toEqual(before);
  });

  it("answers 404 for another clinic's patient on GET and PUT, and changes nothing", async () => {
    const path = `/api/v1/patients/${foreign.id}`;
    expect((await getOne(apiRequest(clinic, path, { token: secretary }), idParams(foreign.id))).status).toBe(404);
    const before = await patientsOf(other.id);
    const res = await update(apiRequest(clinic, path, {
      method: "PUT", token: secretary, body: { fullName: "Invadido", cpf: foreign.cpf, birthDate: "1990-01-01", phone: "11911112222" },
    }), idParams(foreign.id));
    expect(res.status).toBe(404);
    expect(await patientsOf(other.id)).toEqual(before);
    expect((await getOne(apiRequest(clinic, "/api/v1/patients/nope", { token: secretary }), idParams("nope"))).status).toBe(404);
  });
});
