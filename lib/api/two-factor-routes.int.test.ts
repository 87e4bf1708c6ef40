// Two-factor sign-in over the REST API, through the route handlers as Next.js calls them: login
// answers a challenge, /verify-2fa exchanges it with a code for tokens, /setup-2fa enrols TOTP
// for the bearer, and a clinic that demands 2FA gets no tokens for a user without it. Same
// rules, messages and error shape as the forms.
import { randomUUID } from "node:crypto";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { asOwner, closeOwnerPool, createTenant, createUser, type TestTenant, type TestUser } from "@/lib/testing/factories";
import { POST as login } from "@/app/api/v1/auth/login/route";
import { POST as setup } from "@/app/api/v1/auth/setup-2fa/route";
import { POST as verify } from "@/app/api/v1/auth/verify-2fa/route";
import { GET as patients } from "@/app/api/v1/patients/route";

function post(tenant: TestTenant, path: string, value: unknown, token?: string): Request {
  return new Request(`http://${tenant.slug}.localhost:3000${path}`, {
    method: "POST",
    headers: {
      "x-prontivus-tenant": tenant.slug, "content-type": "application/json", "x-request-id": randomUUID(), "user-agent": "vitest api 2fa",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: typeof value === "string" ? value : JSON.stringify(value),
  });
}
const get = (tenant: TestTenant, path: string, token: string) => new Request(`http://${tenant.slug}.localhost:3000${path}`, {
  headers: { "x-prontivus-tenant": tenant.slug, "x-request-id": randomUUID(), authorization: `Bearer ${token}` },
});

type Body = Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string[]> } };
const call = async (res: Response | Promise<Response>) => {
  const r = await res;
  return { status: r.status, body: (await r.json()) as Body };
};

/** A TOTP code of the step after the last one used, so the replay guard is never tripped by accident. */
let lastStep = 0;
async function nextCode(secret: string): Promise<string> {
  const step = Math.max(Math.floor(Date.now() / 30_000), lastStep + 1);
  lastStep = step;
  // The server accepts ±1 step, so the next step's code is valid now.
  return generate({ secret, epoch: step * 30 });
}

let open: TestTenant; // no role must use 2FA
let strict: TestTenant; // the default: admin and doctor must
let other: TestTenant;
let secretary: TestUser;

beforeAll(async () => {
  const settings = { security: { twoFactorRequiredRoles: [] } };
  [open, strict, other] = await Promise.all([createTenant({ settings }), createTenant(), createTenant({ settings })]);
  secretary = await createUser(open, { roles: ["secretary"] });
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

const tokensOf = async (tenant: TestTenant, user: TestUser) => {
  const { status, body } = await call(login(post(tenant, "/api/v1/auth/login", { email: user.email, password: user.password })));
  expect(status).toBe(200);
  return body as { accessToken: string; challenge?: string };
};

describe("POST /api/v1/auth/setup-2fa then login + verify-2fa", () => {
  let secret: string;
  let recovery: string[];

  it("enrols TOTP for the bearer: start answers the otpauth URI and a QR code, a wrong code is a field error", async () => {
    const { accessToken } = await tokensOf(open, secretary);
    const start = await call(setup(post(open, "/api/v1/auth/setup-2fa", {}, accessToken)));
    expect(start.status).toBe(200);
    expect(start.body).toMatchObject({ otpauthUri: expect.stringMatching(/^otpauth:\/\/totp\//), qrDataUrl: expect.stringMatching(/^data:image\/png;base64,/) });
    secret = start.body.secret as string;

    const bad = await call(setup(post(open, "/api/v1/auth/setup-2fa", { code: "12" }, accessToken)));
    expect(bad).toEqual({ status: 400, body: { error: { code: "validation", message: "Revise os campos destacados.", fields: { code: ["O código tem 6 dígitos."] } } } });
    const wrong = await call(setup(post(open, "/api/v1/auth/setup-2fa", { code: "000000" }, accessToken)));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: "validation", fields: { code: ["Código inválido."] } });
    expect(await asOwner("SELECT totp_enabled_at FROM users WHERE id = $1", [secretary.id])).toEqual([{ totp_enabled_at: null }]);

    const ok = await call(setup(post(open, "/api/v1/auth/setup-2fa", { code: await nextCode(secret) }, accessToken)));
    expect(ok.status).toBe(200);
    recovery = ok.body.recoveryCodes as string[];
    expect(recovery).toHaveLength(10);
    const again = await call(setup(post(open, "/api/v1/auth/setup-2fa", {}, accessToken)));
    expect(again.status).toBe(409);
  });

  it("answers login with a challenge, then verify-2fa exchanges challenge + code for tokens", async () => {
    const first = await call(login(post(open, "/api/v1/auth/login", { email: secretary.email, password: secretary.password })));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ twoFactorRequired: true, method: "totp", expiresIn: 300, challenge: expect.any(String) });
    expect(first.body).not.toHaveProperty("accessToken");

    const code = await nextCode(secret);
    const ok = await call(verify(post(open, "/api/v1/auth/verify-2fa", { challenge: first.body.challenge, code })));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ tokenType: "Bearer", accessToken: expect.any(String), refreshToken: expect.any(String) });
    expect((await patients(get(open, "/api/v1/patients", ok.body.accessToken as string))).status).toBe(200);

    // The same code again: refused as a replay, with its own message, and logged.
    const replay = await call(verify(post(open, "/api/v1/auth/verify-2fa", { challenge: first.body.challenge, code })));
    const message = "Este código já foi usado. Aguarde o próximo código do aplicativo autenticador.";
    expect(replay).toEqual({ status: 401, body: { error: { code: "unauthorized", message, fields: { code: [message] } } } });
    const events = await asOwner("SELECT type FROM security_events WHERE user_id = $1 AND type = 'TWO_FACTOR_REPLAY'", [secretary.id]);
    expect(events).toHaveLength(1);
  });

  it("accepts a recovery code once; refuses a wrong code, a bad body and another clinic's host", async () => {
    const { body } = await call(login(post(open, "/api/v1/auth/login", { email: secretary.email, password: secretary.password })));
    const challenge = body.challenge as string;
    const wrong = await call(verify(post(open, "/api/v1/auth/verify-2fa", { challenge, code: "999999" })));
    expect(wrong.status).toBe(401);
    expect(wrong.body.error!.message).toBe("Código inválido ou expirado. Tente novamente.");
    const shape = await call(verify(post(open, "/api/v1/auth/verify-2fa", { challenge })));
    expect(shape.status).toBe(400);
    expect(shape.body.error!.fields).toEqual({ code: ["Informe o código."] });
    const elsewhere = await call(verify(post(other, "/api/v1/auth/verify-2fa", { challenge, code: recovery[0] })));
    expect(elsewhere).toEqual({ status: 401, body: { error: { code: "unauthorized", message: "A etapa de verificação expirou. Entre novamente com e-mail e senha." } } });

    expect((await call(verify(post(open, "/api/v1/auth/verify-2fa", { challenge, code: recovery[0] })))).status).toBe(200);
    expect((await call(verify(post(open, "/api/v1/auth/verify-2fa", { challenge, code: recovery[0] })))).status).toBe(401);
  });
});

describe("a clinic that demands a second factor", () => {
  const ENROL = "Sua clínica exige a verificação em duas etapas para o seu perfil. Ative-a em Minha conta › Segurança antes de continuar.";

  it("gives a doctor without one no tokens (403, saying to enrol) and no API session", async () => {
    const doctor = await createUser(strict, { roles: ["doctor"] });
    const res = await call(login(post(strict, "/api/v1/auth/login", { email: doctor.email, password: doctor.password })));
    expect(res).toEqual({ status: 403, body: { error: { code: "forbidden", message: ENROL, fields: { twoFactor: ["enrolment_required"] } } } });
    expect(await asOwner("SELECT id FROM user_sessions WHERE user_id = $1", [doctor.id])).toEqual([]);
    // A secretary of the same clinic is not on the list.
    const secretaryThere = await createUser(strict, { roles: ["secretary"] });
    expect((await tokensOf(strict, secretaryThere)).accessToken).toEqual(expect.any(String));
  });

  it("stops an existing token once the user's role comes onto the list", async () => {
    const user = await createUser(strict, { roles: ["secretary"] });
    const { accessToken } = await tokensOf(strict, user);
    expect((await patients(get(strict, "/api/v1/patients", accessToken))).status).toBe(200);
    await asOwner("UPDATE user_roles SET role = 'doctor' WHERE user_id = $1", [user.id]);
    // Made outside the app: it reaches the session cache by NOTIFY, within a second.
    await expect.poll(async () => (await patients(get(strict, "/api/v1/patients", accessToken))).status, { timeout: 1_000 }).toBe(403);
    const res = await call(patients(get(strict, "/api/v1/patients", accessToken)));
    expect(res.status).toBe(403);
    expect(res.body.error!.message).toBe(ENROL);
  });
});
