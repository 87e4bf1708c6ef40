// The unauthenticated identity endpoints through their route handlers, as Next.js calls them
// (a Request with the tenant header proxy.ts sets): same rules and messages as the forms, the
// API error shape, and no answer that tells whether an e-mail has an account.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { otpCodeHash } from "@/lib/auth/one-time-codes";
import { randomToken, sha256Hex } from "@/lib/crypto/tokens";
import { disconnectDb } from "@/lib/db/client";
import { asOwner, closeOwnerPool, createTenant, createUser, type TestTenant, type TestUser } from "@/lib/testing/factories";
import { POST as login } from "@/app/api/v1/auth/login/route";
import { POST as forgotPassword } from "@/app/api/v1/auth/forgot-password/route";
import { POST as resetPassword } from "@/app/api/v1/auth/reset-password/route";
import { POST as registerStaff } from "@/app/api/v1/auth/register/staff/route";
import { POST as registerPatient } from "@/app/api/v1/auth/register/patient/route";
import { POST as confirmPatient } from "@/app/api/v1/auth/register/patient/confirm/route";

const post = (tenant: TestTenant, path: string, value: unknown, ip = "192.0.2.10") =>
  new Request(`http://${tenant.slug}.localhost:3000${path}`, {
    method: "POST",
    headers: {
      "x-prontivus-tenant": tenant.slug, "content-type": "application/json", "x-request-id": randomUUID(),
      "user-agent": "vitest api public", "x-forwarded-for": ip,
    },
    body: typeof value === "string" ? value : JSON.stringify(value),
  });
const answer = async (res: Response) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> });

let clinic: TestTenant;
let other: TestTenant;
let admin: TestUser;
let secretary: TestUser;

beforeAll(async () => {
  const settings = { security: { twoFactorRequiredRoles: [] } };
  [clinic, other] = await Promise.all([createTenant({ settings }), createTenant({ settings })]);
  [admin, secretary] = await Promise.all([createUser(clinic, { roles: ["admin"] }), createUser(clinic, { roles: ["secretary"] })]);
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

async function invitation(role: "doctor" | "secretary") {
  const token = randomToken();
  const email = `convidado-${randomUUID().slice(0, 8)}@example.test`;
  await asOwner(
    `INSERT INTO tenant_invitations (id, tenant_id, email, role, token_hash, invited_by, expires_at)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, now() + interval '1 day')`, [clinic.id, email, role, sha256Hex(token), admin.id]);
  return { token, email };
}

describe("POST /api/v1/auth/register/staff", () => {
  const person = { name: "Ana Beatriz Costa", cpf: "529.982.247-25", password: "Ipe-amarelo-florido-77", passwordConfirmation: "Ipe-amarelo-florido-77" };

  it("accepts an invitation once; the link is then invalid with the form's message", async () => {
    const { token, email } = await invitation("secretary");
    expect(await answer(await registerStaff(post(clinic, "/api/v1/auth/register/staff", { token, ...person })))).toEqual({ status: 201, body: { email } });
    expect(await asOwner("SELECT u.status, r.role FROM users u JOIN user_roles r ON r.user_id = u.id WHERE u.email = $1", [email]))
      .toEqual([{ status: "ACTIVE", role: "secretary" }]);
    expect(await answer(await registerStaff(post(clinic, "/api/v1/auth/register/staff", { token, ...person, cpf: "111.444.777-35" })))).toEqual({
      status: 404, body: { error: { code: "not_found", message: "Este convite é inválido ou expirou. Peça um novo convite ao administrador." } },
    });
  });

  it("answers 400 with field errors (doctor without CRM, weak or mismatched password) and creates nothing", async () => {
    const { token, email } = await invitation("doctor");
    const res = await answer(await registerStaff(post(clinic, "/api/v1/auth/register/staff", { token, ...person, cpf: "123", passwordConfirmation: "x" })));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: "validation", message: "Revise os campos destacados." } });
    expect(Object.keys((res.body.error as { fields: object }).fields).sort()).toEqual(["cpf", "passwordConfirmation"]);
    const noCrm = await answer(await registerStaff(post(clinic, "/api/v1/auth/register/staff", { token, ...person })));
    expect(noCrm.body).toMatchObject({ error: { code: "validation", fields: { crm: ["Informe o CRM."], crmUf: ["Informe a UF do CRM."] } } });
    expect(await answer(await registerStaff(post(clinic, "/api/v1/auth/register/staff", { ...person })))).toMatchObject({
      status: 400, body: { error: { code: "validation", fields: { token: ["Informe o token."] } } },
    });
    expect(await asOwner("SELECT id FROM users WHERE email = $1", [email])).toEqual([]);
  });

  it("does not accept a clinic's invitation on another clinic's host", async () => {
    const { token, email } = await invitation("secretary");
    expect((await registerStaff(post(other, "/api/v1/auth/register/staff", { token, ...person }))).status).toBe(404);
    expect(await asOwner("SELECT status FROM tenant_invitations WHERE token_hash = $1", [sha256Hex(token)])).toEqual([{ status: "PENDING" }]);
    expect(await asOwner("SELECT id FROM users WHERE email = $1", [email])).toEqual([]);
  });
});

describe("POST /api/v1/auth/register/patient (+ /confirm)", () => {
  const signup = (email: string) => ({
    name: "Carlos Eduardo Nunes", cpf: "390.533.447-05", birthDate: "12/03/1985", email, phone: "(11) 98765-4321",
    password: "Jabuticaba-madura-42", terms: true, consentEmail: true, consentSms: false,
  });

  it("creates a pending account, answers the same for a known e-mail, and confirms with the mailed code", async () => {
    const first = await answer(await registerPatient(post(clinic, "/api/v1/auth/register/patient", signup("carlos@example.test"))));
    expect(first).toEqual({ status: 202, body: { email: "carlos@example.test", status: "pending_confirmation" } });
    const again = await answer(await registerPatient(post(clinic, "/api/v1/auth/register/patient", { ...signup(secretary.email), cpf: "714.602.380-01" })));
    expect(again).toEqual({ status: 202, body: { email: secretary.email, status: "pending_confirmation" } });

    const wrong = await answer(await confirmPatient(post(clinic, "/api/v1/auth/register/patient/confirm", { email: "carlos@example.test", code: "000000" })));
    const message = "Código inválido ou expirado. Peça um novo código.";
    expect(wrong).toEqual({ status: 422, body: { error: { code: "unprocessable", message, fields: { code: [message] } } } });

    // The mailed code is only stored as a keyed hash: plant a known one, as the mail would carry.
    const [user] = await asOwner<{ id: string }>("SELECT id FROM users WHERE email = 'carlos@example.test'");
    await asOwner("UPDATE two_factor_tokens SET code_hash = $1 WHERE user_id = $2", [otpCodeHash(clinic.id, user!.id, "email_confirmation", "424242"), user!.id]);
    expect(await answer(await confirmPatient(post(clinic, "/api/v1/auth/register/patient/confirm", { email: "carlos@example.test", code: "424242" }))))
      .toEqual({ status: 200, body: { status: "confirmed" } });
    expect(await asOwner("SELECT status FROM users WHERE id = $1", [user!.id])).toEqual([{ status: "ACTIVE" }]);
  });

  it("answers 400 with the form's field messages and creates nothing", async () => {
    const res = await answer(await registerPatient(post(clinic, "/api/v1/auth/register/patient", { ...signup("x@example.test"), cpf: "1", terms: false, birthDate: "31/02/1990" })));
    expect(res.status).toBe(400);
    expect((res.body.error as { fields: Record<string, string[]> }).fields).toMatchObject({
      cpf: ["CPF inválido."], terms: ["É preciso aceitar o termo para criar a conta."], birthDate: ["Data de nascimento inválida (dd/mm/aaaa)."],
    });
    expect(await asOwner("SELECT id FROM users WHERE email = 'x@example.test'")).toEqual([]);
  });
});

describe("POST /api/v1/auth/forgot-password and /reset-password", () => {
  it("answers the same body for a known and an unknown e-mail; only the known one gets a link", async () => {
    const known = await answer(await forgotPassword(post(clinic, "/api/v1/auth/forgot-password", { email: secretary.email })));
    const unknown = await answer(await forgotPassword(post(clinic, "/api/v1/auth/forgot-password", { email: "ninguem@example.test" })));
    expect(known).toEqual(unknown);
    expect(known).toEqual({ status: 202, body: { status: "sent", message: "Se o e-mail estiver cadastrado, você receberá um link em instantes." } });
    expect(await asOwner("SELECT count(*)::int AS n FROM password_reset_tokens WHERE user_id = $1", [secretary.id])).toEqual([{ n: 1 }]);
    const bad = await answer(await forgotPassword(post(clinic, "/api/v1/auth/forgot-password", { email: "não é e-mail" })));
    expect(bad).toEqual({ status: 400, body: { error: { code: "validation", message: "Informe um e-mail válido.", fields: { email: ["Informe um e-mail válido."] } } } });
  });

  it("sets a new password through a live link once; mismatch and weak passwords are field errors", async () => {
    const user = await createUser(clinic, { roles: ["secretary"] });
    const token = randomToken();
    await asOwner(`INSERT INTO password_reset_tokens (id, tenant_id, user_id, token_hash, expires_at)
      VALUES (gen_random_uuid(), $1, $2, $3, now() + interval '30 minutes')`, [clinic.id, user.id, sha256Hex(token)]);
    const path = "/api/v1/auth/reset-password";
    expect(await answer(await resetPassword(post(clinic, path, { token, password: "Outra-senha-boa-91", passwordConfirmation: "x" })))).toMatchObject({
      status: 400, body: { error: { fields: { passwordConfirmation: ["As senhas não conferem."] } } },
    });
    const weak = await answer(await resetPassword(post(clinic, path, { token, password: "123", passwordConfirmation: "123" })));
    expect(weak).toMatchObject({ status: 400, body: { error: { code: "validation", fields: { password: expect.any(Array) } } } });
    expect(await answer(await resetPassword(post(clinic, path, { token, password: "Outra-senha-boa-91", passwordConfirmation: "Outra-senha-boa-91" }))))
      .toEqual({ status: 200, body: { status: "done" } });
    expect(await asOwner("SELECT session_version FROM users WHERE id = $1", [user.id])).toEqual([{ session_version: 2 }]);
    expect(await answer(await resetPassword(post(clinic, path, { token, password: "Mais-uma-senha-boa-5", passwordConfirmation: "Mais-uma-senha-boa-5" })))).toEqual({
      status: 422, body: { error: { code: "unprocessable", message: "Este link de redefinição é inválido ou expirou. Peça um novo." } },
    });
  });
});

describe("POST /api/v1/auth/login: no enumeration", () => {
  it("200 sign-ins against an unknown and a known e-mail give identical answers", { timeout: 120_000 }, async () => {
    const target = await createUser(clinic, { roles: ["secretary"] });
    const bodies = new Set<string>();
    const statuses = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const email = i % 2 === 0 ? target.email : `desconhecido-${i}@example.test`;
      // A new client address each time, so the per-IP limit does not decide the answer; the known
      // account still gets throttled and then locked, and that must not show either.
      const res = await login(post(clinic, "/api/v1/auth/login", { email, password: "Senha-errada-1" }, `10.9.${i >> 8}.${i & 255}`));
      statuses.add(res.status);
      bodies.add(await res.text());
    }
    expect([...statuses]).toEqual([401]);
    expect([...bodies]).toEqual([JSON.stringify({ error: { code: "unauthorized", message: "E-mail ou senha inválidos." } })]);
    expect(await asOwner("SELECT locked_at IS NOT NULL AS locked FROM users WHERE id = $1", [target.id])).toEqual([{ locked: true }]);
  });
});
