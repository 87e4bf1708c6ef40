// Self-registration against the real database (app role, RLS live). Mail is the one thing
// outside the machine, so it alone is faked: a recorder in place of SMTP.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/sign-in";
import { generateCpf } from "@/lib/br/documents";
import { disconnectDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { MailMessage } from "@/lib/mail/send";
import { asOwner, closeOwnerPool, createPatient, createTenant, ensureRoles, type TestTenant } from "@/lib/testing/factories";
import { CODE_INVALID, CPF_TAKEN, confirmEmail, registerPatient, resendConfirmationCode } from "./self-registration";

let clinic: TestTenant;
const PASSWORD = "girassol azul 2031";

beforeAll(async () => {
  await ensureRoles();
  clinic = await createTenant();
});
afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

const meta = () => ({ requestId: randomUUID(), ip: "203.0.113.7", userAgent: "vitest signup" });
function mailbox() {
  const sent: MailMessage[] = [];
  return { sent, deps: { sendMail: async (m: MailMessage) => void sent.push(m) } };
}
const codeIn = (m: MailMessage) => /confirmação é (\d{6})/.exec(m.text)![1]!;
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

let n = 0;
const form = (over: Record<string, unknown> = {}) => ({
  name: "Maria Clara Souza", cpf: generateCpf(), birthDate: "14/03/1985", email: `maria-${Date.now()}-${n++}@example.test`,
  phone: "(11) 98765-4321", password: PASSWORD, terms: "on", consentEmail: "on", ...over,
});

const count = async (sql: string, params: unknown[]) => Number((await asOwner<{ n: string }>(sql, params))[0]!.n);
const rowsOf = (tenant: TestTenant) => asOwner<{ n: string }>(
  `SELECT (SELECT count(*) FROM users WHERE tenant_id = $1) + (SELECT count(*) FROM patients WHERE tenant_id = $1)
        + (SELECT count(*) FROM consents WHERE tenant_id = $1) + (SELECT count(*) FROM two_factor_tokens WHERE tenant_id = $1) AS n`, [tenant.id]);

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("patient self-registration", () => {
  it("sign-up → code → active; sign-in works only after confirming; consents recorded", async () => {
    const box = mailbox();
    const input = form({ consentSms: "on" });
    await registerPatient(clinic.slug, input, meta(), box.deps);
    expect(box.sent).toHaveLength(1);
    const [user] = await asOwner<{ id: string; status: string }>("SELECT id, status FROM users WHERE tenant_id = $1 AND email = $2", [clinic.id, input.email]);
    expect(user!.status).toBe("PENDING_VERIFICATION");
    const signIn = () => authenticate({ email: input.email, password: PASSWORD }, { ...meta(), tenantSlug: clinic.slug });
    expect(await signIn()).toBeNull();

    const consents = await asOwner<{ purpose: string; legal_basis: string; term_version: string }>(
      `SELECT c.purpose, c.legal_basis, c.term_version FROM consents c JOIN patients p ON p.id = c.patient_id WHERE p.user_id = $1 ORDER BY c.purpose::text`, [user!.id]);
    expect(consents).toEqual([
      { purpose: "COMMUNICATION_EMAIL", legal_basis: "CONSENT", term_version: "2026-11" },
      { purpose: "COMMUNICATION_SMS", legal_basis: "CONSENT", term_version: "2026-11" },
      { purpose: "HEALTH_CARE", legal_basis: "HEALTH_PROTECTION", term_version: "2026-11" },
    ]);
    expect(await count("SELECT count(*) AS n FROM user_roles WHERE user_id = $1 AND role = 'patient'", [user!.id])).toBe(1);
    expect(await count("SELECT count(*) AS n FROM audit_logs WHERE tenant_id = $1 AND entity_id = $2 AND action = 'user.created'", [clinic.id, user!.id])).toBe(1);

    await confirmEmail(clinic.slug, { email: input.email.toUpperCase(), code: codeIn(box.sent[0]!) }, meta());
    const [after] = await asOwner<{ status: string; email_verified_at: Date | null }>("SELECT status, email_verified_at FROM users WHERE id = $1", [user!.id]);
    expect(after!.status).toBe("ACTIVE");
    expect(after!.email_verified_at).not.toBeNull();
    expect(await signIn()).toMatchObject({ id: user!.id, tenantSlug: clinic.slug });
    // The code was single-use.
    expect((await refusal(confirmEmail(clinic.slug, { email: input.email, code: codeIn(box.sent[0]!) }, meta()))).message).toBe(CODE_INVALID);
  });

  it("five wrong codes kill the code, even the right one afterwards", async () => {
    const box = mailbox();
    const input = form();
    await registerPatient(clinic.slug, input, meta(), box.deps);
    const code = codeIn(box.sent[0]!);
    for (let i = 0; i < 5; i++) {
      expect((await refusal(confirmEmail(clinic.slug, { email: input.email, code: wrong(code) }, meta()))).message).toBe(CODE_INVALID);
    }
    expect((await refusal(confirmEmail(clinic.slug, { email: input.email, code }, meta()))).message).toBe(CODE_INVALID);
    expect(await count("SELECT count(*) AS n FROM users WHERE tenant_id = $1 AND email = $2 AND status = 'PENDING_VERIFICATION'", [clinic.id, input.email])).toBe(1);
  });

  it("refuses an expired code; a resend is limited to one a minute and gives a working code", async () => {
    const box = mailbox();
    const input = form();
    const t0 = new Date();
    await registerPatient(clinic.slug, input, meta(), { ...box.deps, now: () => t0 });
    const late = () => new Date(t0.getTime() + 11 * 60_000);
    expect((await refusal(confirmEmail(clinic.slug, { email: input.email, code: codeIn(box.sent[0]!) }, meta(), { now: late }))).message).toBe(CODE_INVALID);

    await resendConfirmationCode(clinic.slug, input.email, meta(), { ...box.deps, now: () => new Date(t0.getTime() + 30_000) });
    expect(box.sent).toHaveLength(1); // within the minute: nothing sent, same answer
    await resendConfirmationCode(clinic.slug, input.email, meta(), { ...box.deps, now: late });
    expect(box.sent).toHaveLength(2);
    await confirmEmail(clinic.slug, { email: input.email, code: codeIn(box.sent[1]!) }, meta(), { now: late });
  });

  it("a CPF that already has an account is refused and nothing changes", async () => {
    const cpf = generateCpf();
    await registerPatient(clinic.slug, form({ cpf }), meta(), mailbox().deps);
    const before = await rowsOf(clinic);
    const box = mailbox();
    const error = await refusal(registerPatient(clinic.slug, form({ cpf }), meta(), box.deps));
    expect(error.fields?.cpf).toEqual([CPF_TAKEN]);
    expect(await rowsOf(clinic)).toEqual(before);
    expect(box.sent).toHaveLength(0);
  });

  it("links an existing patient without an account instead of creating a duplicate", async () => {
    const existing = await createPatient(clinic, { fullName: "José da Silva", birthDate: new Date("1970-05-02") });
    const box = mailbox();
    const input = form({ name: "José da Silva", cpf: existing.cpf, birthDate: "02/05/1970" });
    await registerPatient(clinic.slug, input, meta(), box.deps);
    const patients = await asOwner<{ id: string; email: string }>(
      "SELECT p.id, u.email FROM patients p JOIN users u ON u.id = p.user_id WHERE p.tenant_id = $1 AND p.cpf_hash = (SELECT cpf_hash FROM patients WHERE id = $2)", [clinic.id, existing.id]);
    expect(patients).toEqual([{ id: existing.id, email: input.email }]);
    expect(await count("SELECT count(*) AS n FROM audit_logs WHERE entity_id = $1 AND action = 'patient.account_linked'", [existing.id])).toBe(1);
  });

  it("does not link a chart whose birth date differs", async () => {
    const existing = await createPatient(clinic, { birthDate: new Date("1970-05-02") });
    const before = await rowsOf(clinic);
    await refusal(registerPatient(clinic.slug, form({ cpf: existing.cpf, birthDate: "03/05/1970" }), meta(), mailbox().deps));
    expect(await rowsOf(clinic)).toEqual(before);
  });

  it("an invalid CPF, birth date or phone is a field error and nothing is saved", async () => {
    const before = await rowsOf(clinic);
    const error = await refusal(registerPatient(clinic.slug, form({ cpf: "123.456.789-00", birthDate: "31/02/1990", phone: "1133334444" }), meta(), mailbox().deps));
    expect(error.fields?.cpf).toEqual(["CPF inválido."]);
    expect(error.fields?.birthDate).toBeDefined();
    expect(error.fields?.phone).toBeDefined();
    expect(await rowsOf(clinic)).toEqual(before);
  });

  it("an e-mail that has an account gets the same answer and a notice, not a code", async () => {
    const input = form();
    await registerPatient(clinic.slug, input, meta(), mailbox().deps);
    const before = await rowsOf(clinic);
    const box = mailbox();
    await expect(registerPatient(clinic.slug, form({ email: input.email }), meta(), box.deps)).resolves.toEqual({ email: input.email });
    expect(box.sent).toHaveLength(1);
    expect(box.sent[0]!.subject).toContain("Você já tem uma conta");
    expect(box.sent[0]!.text).not.toContain("código");
    expect(await rowsOf(clinic)).toEqual(before);
  });
});
