// The REST API through its route handlers, as Next.js calls them: a Request carrying the tenant
// header proxy.ts would set. Checks the HTTP contract (status, error shape, no-store) and that
// the bearer guard refuses what it must.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signAccessToken } from "@/lib/api/jwt";
import { disconnectDb } from "@/lib/db/client";
import { asOwner, closeOwnerPool, createPatient, createTenant, createUser, type TestTenant, type TestUser } from "@/lib/testing/factories";
import { POST as login } from "@/app/api/v1/auth/login/route";
import { POST as logout } from "@/app/api/v1/auth/logout/route";
import { POST as refresh } from "@/app/api/v1/auth/refresh/route";
import { GET as patients } from "@/app/api/v1/patients/route";

type Init = { body?: string; token?: string; headers?: Record<string, string> };

function request(tenant: TestTenant | null, path: string, { body, token, headers = {} }: Init = {}): Request {
  return new Request(`http://${tenant?.slug ?? "www"}.localhost:3000${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      ...(tenant ? { "x-prontivus-tenant": tenant.slug } : {}),
      "content-type": "application/json", "x-request-id": randomUUID(), "user-agent": "vitest api http",
      ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers,
    },
    body,
  });
}

const post = (tenant: TestTenant | null, path: string, value: unknown, init: Init = {}) =>
  request(tenant, path, { ...init, body: typeof value === "string" ? value : JSON.stringify(value) });

async function tokensFor(tenant: TestTenant, user: TestUser) {
  const res = await login(post(tenant, "/api/v1/auth/login", { email: user.email, password: user.password }));
  expect(res.status).toBe(200);
  return (await res.json()) as { accessToken: string; refreshToken: string };
}

let clinic: TestTenant;
let other: TestTenant;
let secretary: TestUser;
let patientUser: TestUser;

beforeAll(async () => {
  [clinic, other] = await Promise.all([createTenant(), createTenant()]);
  [secretary, patientUser] = await Promise.all([
    createUser(clinic, { roles: ["secretary"] }), createUser(clinic, { roles: ["patient"] }),
  ]);
  await createPatient(clinic, { fullName: "Maria Aparecida Souza" });
  await createPatient(clinic, { fullName: "João Pedro Lima" });
  await createPatient(other, { fullName: "Maria de Outra Clínica" });
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

describe("POST /api/v1/auth/login", () => {
  it("answers tokens with Cache-Control: no-store", async () => {
    const res = await login(post(clinic, "/api/v1/auth/login", { email: secretary.email, password: secretary.password }));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({
      accessToken: expect.any(String), tokenType: "Bearer", expiresIn: 900, refreshToken: expect.any(String),
    });
  });

  it("answers the same 401 body for an unknown e-mail and a wrong password", async () => {
    const unknown = await login(post(clinic, "/api/v1/auth/login", { email: "ninguem@example.test", password: "Senha-errada-1" }));
    const wrong = await login(post(clinic, "/api/v1/auth/login", { email: secretary.email, password: "Senha-errada-1" }));
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    const expected = { error: { code: "unauthorized", message: "E-mail ou senha inválidos." } };
    expect(await unknown.json()).toEqual(expected);
    expect(await wrong.json()).toEqual(expected);
  });

  it("answers 400 with the error shape for bad JSON and for a bad shape", async () => {
    const bad = await login(post(clinic, "/api/v1/auth/login", "{not json"));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: "validation", message: expect.any(String) } });
    const shape = await login(post(clinic, "/api/v1/auth/login", { email: 42 }));
    expect(shape.status).toBe(400);
    const body = (await shape.json()) as { error: { code: string; fields: Record<string, string[]> } };
    expect(body.error.code).toBe("validation");
    expect(Object.keys(body.error.fields).sort()).toEqual(["email", "password"]);
  });
});

describe("POST /api/v1/auth/refresh and /logout", () => {
  it("rotates, and a reused token kills the family (the newest token too)", async () => {
    const first = await tokensFor(clinic, secretary);
    const r1 = await refresh(post(clinic, "/api/v1/auth/refresh", { refreshToken: first.refreshToken }));
    expect(r1.status).toBe(200);
    const second = (await r1.json()) as { refreshToken: string; accessToken: string };
    const reuse = await refresh(post(clinic, "/api/v1/auth/refresh", { refreshToken: first.refreshToken }));
    expect(reuse.status).toBe(401);
    expect((await reuse.json()).error.code).toBe("unauthorized");
    expect((await refresh(post(clinic, "/api/v1/auth/refresh", { refreshToken: second.refreshToken }))).status).toBe(401);
    // The revoked session's access token stops working at once, not at its expiry.
    expect((await patients(request(clinic, "/api/v1/patients", { token: second.accessToken }))).status).toBe(401);
  });

  it("refuses a refresh token on another clinic's host", async () => {
    const { refreshToken } = await tokensFor(clinic, secretary);
    expect((await refresh(post(other, "/api/v1/auth/refresh", { refreshToken }))).status).toBe(401);
    expect((await refresh(post(clinic, "/api/v1/auth/refresh", { refreshToken }))).status).toBe(200);
  });

  it("logout revokes the session: its access and refresh tokens stop working", async () => {
    const t = await tokensFor(clinic, secretary);
    const res = await logout(post(clinic, "/api/v1/auth/logout", {}, { token: t.accessToken }));
    expect(res.status).toBe(204);
    expect((await patients(request(clinic, "/api/v1/patients", { token: t.accessToken }))).status).toBe(401);
    expect((await refresh(post(clinic, "/api/v1/auth/refresh", { refreshToken: t.refreshToken }))).status).toBe(401);
    expect((await logout(post(clinic, "/api/v1/auth/logout", {}))).status).toBe(401);
  });
});

describe("GET /api/v1/patients", () => {
  it("lists the host clinic's patients for a staff token", async () => {
    const { accessToken } = await tokensFor(clinic, secretary);
    const res = await patients(request(clinic, "/api/v1/patients?q=maria", { token: accessToken }));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { data: { fullName: string }[]; nextCursor: string | null; total: number };
    expect(body).toMatchObject({ nextCursor: null, total: 1, capped: false });
    expect(body.data.map((p) => p.fullName)).toEqual(["Maria Aparecida Souza"]);
  });

  it("answers 401 without a token, with a forged or expired one, and with another clinic's", async () => {
    const { accessToken } = await tokensFor(clinic, secretary);
    const unauthorized = { error: { code: "unauthorized", message: expect.any(String) } };
    const noToken = await patients(request(clinic, "/api/v1/patients"));
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toEqual(unauthorized);
    const [h, p] = accessToken.split(".");
    expect((await patients(request(clinic, "/api/v1/patients", { token: `${h}.${p}.AAAA` }))).status).toBe(401);
    const claims = JSON.parse(Buffer.from(p!, "base64url").toString()) as { sub: string; tid: string; sid: string; sv: number };
    const expired = signAccessToken(claims, Math.floor(Date.now() / 1000) - 901);
    expect((await patients(request(clinic, "/api/v1/patients", { token: expired }))).status).toBe(401);
    const foreign = request(other, "/api/v1/patients", { token: accessToken, headers: { "x-request-id": randomUUID() } });
    const res = await patients(foreign);
    expect(res.status).toBe(401);
    const events = await asOwner("SELECT type, tenant_id FROM security_events WHERE request_id = $1", [foreign.headers.get("x-request-id")]);
    expect(events).toEqual([{ type: "TENANT_MISMATCH", tenant_id: other.id }]);
  });

  it("answers 403 for a patient account, and 401 once the user is disabled", async () => {
    const { accessToken } = await tokensFor(clinic, patientUser);
    const res = await patients(request(clinic, "/api/v1/patients", { token: accessToken }));
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
    await asOwner("UPDATE users SET status = 'DISABLED' WHERE id = $1", [patientUser.id]);
    // A change made outside the app reaches the session cache by NOTIFY: within a second.
    await expect.poll(async () => (await patients(request(clinic, "/api/v1/patients", { token: accessToken }))).status, { timeout: 1_000 })
      .toBe(401);
  });

  it("answers 400, not 500, for a query that is too long", async () => {
    const { accessToken } = await tokensFor(clinic, secretary);
    const res = await patients(request(clinic, `/api/v1/patients?q=${"a".repeat(101)}`, { token: accessToken }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("validation");
  });
});
