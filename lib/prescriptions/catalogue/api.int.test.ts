// GET /api/v1/medications over real HTTP: bearer auth, the clinic's own items scoped by host and
// token, refusals, and the error shape for bad input.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/medications/route";
import { accessTokenFor, type ErrorBody } from "@/lib/api/testing";
import { disconnectDb } from "@/lib/db/client";
import { ensureDrugCatalogue } from "@/lib/testing/drugs";
import { closeOwnerPool, createTenant, createUser, scopeFor, type TestTenant } from "@/lib/testing/factories";
import { httpCall, startRouteServer, type RouteServer } from "@/lib/testing/route-server";
import { createClinicMedication } from "./clinic-items";
import type { MedicationHit } from "./schemas";

let server: RouteServer;
let clinic: TestTenant;
let other: TestTenant;
const tokens: Record<"doctor" | "admin" | "secretary" | "outsider", string> = { doctor: "", admin: "", secretary: "", outsider: "" };
let mine: string;
let theirs: string;

beforeAll(async () => {
  await ensureDrugCatalogue();
  server = await startRouteServer([{ method: "GET", pattern: /^\/api\/v1\/medications$/, handler: GET }]);
  // The tokens come from the password login: no role of these clinics must enrol a second factor.
  const settings = { security: { twoFactorRequiredRoles: [] } };
  [clinic, other] = await Promise.all([createTenant({ settings }), createTenant({ settings })]);
  const [doctor, admin, secretary, outsider, otherAdmin] = await Promise.all([
    createUser(clinic, { roles: ["doctor"] }), createUser(clinic, { roles: ["admin"] }), createUser(clinic, { roles: ["secretary"] }),
    createUser(other, { roles: ["doctor"] }), createUser(other, { roles: ["admin"] }),
  ]);
  for (const [k, u, t] of [["doctor", doctor, clinic], ["admin", admin, clinic], ["secretary", secretary, clinic], ["outsider", outsider, other]] as const) {
    tokens[k] = await accessTokenFor(t, u);
  }
  mine = (await createClinicMedication(scopeFor(clinic, admin, ["admin"]), { name: "Xarope caseiro de guaco" })).id;
  theirs = (await createClinicMedication(scopeFor(other, otherAdmin, ["admin"]), { name: "Xarope caseiro de agrião" })).id;
});

afterAll(async () => {
  await server.close();
  await Promise.all([closeOwnerPool(), disconnectDb()]);
});

const get = (tenant: TestTenant, path: string, token?: string) =>
  httpCall(server.port, { host: `${tenant.slug}.localhost:3000`, path, headers: token ? { authorization: `Bearer ${token}` } : {} });
const body = <T>(r: { body: Buffer }) => JSON.parse(r.body.toString()) as T;

describe("GET /api/v1/medications", () => {
  it("answers the prescriber with catalogue hits and the clinic's own items, never another clinic's", async () => {
    const res = await get(clinic, "/api/v1/medications?q=varfarina&limit=5", tokens.doctor);
    expect(res.status).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    const { data } = body<{ data: MedicationHit[] }>(res);
    expect(data.length).toBeGreaterThan(0);
    expect(data[0]).toMatchObject({ source: "catalogue", ingredients: [expect.objectContaining({ name: "varfarina" })], controlList: null });
    const own = body<{ data: MedicationHit[] }>(await get(clinic, "/api/v1/medications?q=xarope%20caseiro", tokens.doctor)).data;
    expect(own.map((h) => h.id)).toEqual([mine]);
    const outsider = body<{ data: MedicationHit[] }>(await get(other, "/api/v1/medications?q=xarope%20caseiro", tokens.outsider)).data;
    expect(outsider.map((h) => h.id)).toEqual([theirs]);
  });

  it("lets the admin search (to code the clinic's items)", async () => {
    expect((await get(clinic, "/api/v1/medications?q=amox", tokens.admin)).status).toBe(200);
  });

  it("refuses no token, a secretary, and another clinic's token on this host", async () => {
    expect((await get(clinic, "/api/v1/medications?q=amox")).status).toBe(401);
    const refused = await get(clinic, "/api/v1/medications?q=amox", tokens.secretary);
    expect(refused.status).toBe(403);
    expect(body<ErrorBody>(refused).error.code).toBe("forbidden");
    expect((await get(clinic, "/api/v1/medications?q=amox", tokens.outsider)).status).toBe(401);
  });

  it("answers 400 with field errors for bad input", async () => {
    for (const q of ["", "%00", "x".repeat(81)]) {
      const res = await get(clinic, `/api/v1/medications?q=${q}`, tokens.doctor);
      expect(res.status).toBe(400);
      expect(body<ErrorBody>(res).error).toMatchObject({ code: "validation", fields: { q: [expect.any(String)] } });
    }
    expect((await get(clinic, "/api/v1/medications", tokens.doctor)).status).toBe(400);
    expect(body<ErrorBody>(await get(clinic, "/api/v1/medications?q=amox&limit=abc", tokens.doctor)).error.fields).toHaveProperty("limit");
  });
});
