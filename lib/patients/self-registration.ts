import { z } from "zod";
import { calendarDate, rangeMessage, yearOutOfRange } from "@/lib/validation/dates";
import { validationMessage } from "@/lib/validation/messages";
import { text } from "@/lib/validation/text";
import { recordAudit, recordSecurityEvent } from "@/lib/audit/record";
import { consumeOtp, issueOtp } from "@/lib/auth/one-time-codes";
import { validatePassword } from "@/lib/auth/password-policy";
import { isValidCpf, normalizeCpf } from "@/lib/br/documents";
import { lookupHash, sealField } from "@/lib/crypto/config";
import { hashPassword } from "@/lib/crypto/password";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { AppError, isAppError } from "@/lib/errors";
import type { ConsentPurpose, LegalBasis } from "@/lib/generated/prisma/enums";
import { sendMail as smtpSendMail, type MailMessage } from "@/lib/mail/send";
import { mailLayout } from "@/lib/mail/templates";
import type { RequestMeta } from "@/lib/request";
import { findTenant } from "@/lib/tenancy/current";
import { parseInput } from "@/lib/users/parse";
import { toSearchName } from "./search-name";

// Patient self-registration on a clinic's portal, then e-mail confirmation with a 6-digit code.
// Unauthenticated: the clinic comes from the request's host (proxy.ts), never from the client.
// Same-answer rule: an e-mail that already has an account gets the same "code sent" answer and
// a mail telling its owner so; the form must not tell strangers which addresses are registered.
// The one exception is the CPF (below): a deliberate, documented trade-off.

export const TERM_VERSION = "2026-11";
const PURPOSE = "email_confirmation";
export const CODE_INVALID = "Código inválido ou expirado. Peça um novo código.";
export const CPF_TAKEN = "Já existe uma conta para este CPF. Use 'Esqueci minha senha'.";
const NOT_CONFIRMED = "Não foi possível confirmar seus dados. Procure a recepção da clínica.";

export type SelfRegistrationDeps = { sendMail: (m: MailMessage) => Promise<void>; now: () => Date };
const defaults: SelfRegistrationDeps = { sendMail: smtpSendMail, now: () => new Date() };
type Meta = Pick<RequestMeta, "requestId" | "ip" | "userAgent">;

/** dd/mm/aaaa → a UTC date, only if it is a real calendar day in the accepted years (31/02 and 01/01/0001 are refused). */
export function parseBrDate(value: string): Date | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value.trim());
  return m ? calendarDate(Number(m[3]), Number(m[2]), Number(m[1])) : null;
}

/** Brazilian mobile: DDD (no zero digits) + 9 + 8 digits; an optional +55 is dropped. */
export function normalizeMobile(value: string): string | null {
  const digits = value.replace(/\D/g, "").replace(/^55(?=\d{11}$)/, "");
  return /^[1-9]{2}9\d{8}$/.test(digits) ? digits : null;
}

const email = text().trim().toLowerCase().pipe(z.email("Informe um e-mail válido.").max(254));
const checked = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

export const selfRegistrationSchema = z.object({
  name: text().trim().min(3, "Informe seu nome completo.").max(200, "Nome muito longo."),
  cpf: text().trim().refine(isValidCpf, "CPF inválido.").transform(normalizeCpf),
  birthDate: text().transform((v, c) => {
    const d = parseBrDate(v);
    if (!d) { c.addIssue({ code: "custom", message: yearOutOfRange(v) ? rangeMessage() : "Data de nascimento inválida (dd/mm/aaaa)." }); return z.NEVER; }
    if (d > new Date()) { c.addIssue({ code: "custom", message: validationMessage("futureBirthDate") }); return z.NEVER; }
    return d;
  }),
  email,
  phone: text().transform((v, c) => normalizeMobile(v) ?? (c.addIssue({ code: "custom", message: "Informe um celular com DDD." }), z.NEVER)),
  password: text().min(1, "Informe uma senha.").max(128, "A senha deve ter no máximo 128 caracteres."),
  terms: checked.refine((v) => v, "É preciso aceitar o termo para criar a conta."),
  consentEmail: checked,
  consentSms: checked,
});
export type SelfRegistrationData = z.output<typeof selfRegistrationSchema>;
export const confirmEmailSchema = z.object({ email, code: text().trim().regex(/^\d{6}$/, "O código tem 6 dígitos.") });

async function activeTenant(slug: string) {
  const tenant = await findTenant(slug);
  if (!tenant || tenant.status !== "ACTIVE") throw new AppError("not_found", "Clínica não encontrada.");
  return tenant;
}

// The codes are the second factor's e-mail codes (lib/auth/one-time-codes.ts): keyed hash at
// rest, 10 minutes, 5 tries, one live code per account, resends throttled.
const issueCode = (tx: Tx, tenantId: string, userId: string, now: Date) =>
  issueOtp(tx, { tenantId, userId, channel: "EMAIL", purpose: PURPOSE, now });

function mail(to: string, clinicName: string, subject: string, paragraphs: string[]): MailMessage {
  return { to, subject: `${subject} — ${clinicName}`, ...mailLayout({ clinicName, body: paragraphs.join("\n\n") }) };
}
const codeMail = (to: string, clinic: string, code: string) => mail(to, clinic, "Código de confirmação", [
  `Seu código de confirmação é ${code}.`, "Ele vale por 10 minutos. Se não foi você, ignore esta mensagem."]);

/** Creates the account (PENDING_VERIFICATION) and mails a code. Resolves the same for a known e-mail. */
export async function registerPatient(tenantSlug: string, input: unknown, meta: Meta, deps: Partial<SelfRegistrationDeps> = {}): Promise<{ email: string }> {
  const d = { ...defaults, ...deps };
  const data = parseInput(selfRegistrationSchema, input);
  const problems = validatePassword(data.password, { name: data.name, email: data.email, cpf: data.cpf });
  if (problems.length > 0) throw new AppError("validation", "Revise os campos destacados.", { password: problems });
  const tenant = await activeTenant(tenantSlug);
  // argon2 outside the transaction: its CPU time should not hold a pooled connection.
  const passwordHash = await hashPassword(data.password);
  const now = d.now();
  const outcome = await withTenant({ tenantId: tenant.id, requestId: meta.requestId, user: null }, async (tx) => {
    const cpfHash = lookupHash(tenant.id, "cpf", data.cpf);
    const patient = await tx.patient.findFirst({ where: { cpfHash }, select: { id: true, userId: true, birthDate: true, email: true, phone: true } });
    // Enumeration trade-off, accepted: answering "this CPF has an account" tells whoever knows
    // a CPF that its owner is a patient here. Hiding it would leave a real patient stuck on a
    // silent failure; a CPF plus this clinic is narrow, and the answer points to password reset.
    if (patient?.userId || (await tx.user.findFirst({ where: { cpfHash }, select: { id: true } }))) {
      throw new AppError("conflict", CPF_TAKEN, { cpf: [CPF_TAKEN] });
    }
    if (await tx.user.findFirst({ where: { email: data.email }, select: { id: true } })) return { kind: "exists" as const };
    // Linking to a chart the clinic already holds grants its portal: a known CPF alone must not
    // suffice, so the birth date on file (when there is one) has to match.
    if (patient?.birthDate && patient.birthDate.getTime() !== data.birthDate.getTime()) throw new AppError("unprocessable", NOT_CONFIRMED);
    return { kind: "new" as const, ...(await createAccount(tx, tenant.id, data, passwordHash, patient, { ...meta, now })) };
  });
  if (outcome.kind === "exists") {
    await d.sendMail(mail(data.email, tenant.name, "Você já tem uma conta", [
      `Alguém tentou criar uma conta em ${tenant.name} com este e-mail, que já está cadastrado.`,
      "Se foi você, entre com sua senha ou use \"Esqueci minha senha\" na página de login. Se não foi, ignore esta mensagem."]))
      .catch((error: unknown) => console.error("signup notice mail failed", { requestId: meta.requestId, error }));
  } else {
    // The account exists now; a lost mail is recovered with "resend code", not a failed form.
    await d.sendMail(codeMail(data.email, tenant.name, outcome.code))
      .catch((error: unknown) => console.error("confirmation code mail failed", { requestId: meta.requestId, error }));
  }
  return { email: data.email };
}

type Existing = { id: string; email: string | null; phone: string | null; birthDate: Date | null } | null;

async function createAccount(tx: Tx, tenantId: string, data: SelfRegistrationData, passwordHash: string, existing: Existing, meta: Meta & { now: Date }) {
  const cpfHash = lookupHash(tenantId, "cpf", data.cpf);
  const user = await tx.user.create({
    data: { email: data.email, name: data.name, cpfEnc: sealField(tenantId, "users.cpf", data.cpf), cpfHash, phone: data.phone, passwordHash, status: "PENDING_VERIFICATION" },
    select: { id: true, name: true, email: true },
  });
  await tx.userRole.create({ data: { userId: user.id, role: "patient" }, select: { id: true } });
  const consent = { consentEmail: data.consentEmail, consentSms: data.consentSms };
  // An existing chart keeps what the clinic recorded; only empty contact fields are filled in.
  const patient = existing
    ? await tx.patient.update({
      where: { tenantId_id: { tenantId: tenantId, id: existing.id } },
      data: { userId: user.id, ...consent, email: existing.email ?? data.email, phone: existing.phone ?? data.phone, birthDate: existing.birthDate ?? data.birthDate },
      select: { id: true },
    })
    : await tx.patient.create({
      data: {
        fullName: data.name, searchName: toSearchName(data.name), cpfEnc: sealField(tenantId, "patients.cpf", data.cpf), cpfHash,
        birthDate: data.birthDate, email: data.email, phone: data.phone, userId: user.id, createdBy: user.id, ...consent,
      },
      select: { id: true },
    });
  const purposes: { purpose: ConsentPurpose; legalBasis: LegalBasis }[] = [
    // Care itself rests on LGPD art. 11, II, f (tutela da saúde), not on revocable consent.
    { purpose: "HEALTH_CARE", legalBasis: "HEALTH_PROTECTION" },
    ...(data.consentEmail ? [{ purpose: "COMMUNICATION_EMAIL", legalBasis: "CONSENT" } as const] : []),
    ...(data.consentSms ? [{ purpose: "COMMUNICATION_SMS", legalBasis: "CONSENT" } as const] : []),
  ];
  await tx.consent.createMany({
    data: purposes.map((p) => ({ ...p, patientId: patient.id, termVersion: TERM_VERSION, givenAt: meta.now, ip: meta.ip?.slice(0, 45) ?? null, recordedBy: user.id })),
  });
  const actor = { ...meta, user };
  const code = await issueCode(tx, tenantId, user.id, meta.now);
  // Audit last: the audit insert takes the clinic's chain lock until commit.
  await recordAudit(tx, actor, { action: "user.created", entityType: "user", entityId: user.id, metadata: { via: "self_registration", role: "patient" } });
  await recordAudit(tx, actor, { action: existing ? "patient.account_linked" : "patient.created", entityType: "patient", entityId: patient.id, metadata: { via: "self_registration" } });
  await recordAudit(tx, actor, { action: "consent.given", entityType: "patient", entityId: patient.id, metadata: { purposes: purposes.map((p) => p.purpose), termVersion: TERM_VERSION } });
  return { code };
}

const findPending = (tx: Tx, email: string) => tx.user.findFirst({ where: { email, status: "PENDING_VERIFICATION" }, select: { id: true, name: true, email: true } });

/** Checks the code: right → account ACTIVE; wrong → one attempt spent (the 5th kills the code). */
export async function confirmEmail(tenantSlug: string, input: unknown, meta: Meta, deps: Partial<SelfRegistrationDeps> = {}): Promise<void> {
  const { email: address, code } = parseInput(confirmEmailSchema, input);
  const tenant = await activeTenant(tenantSlug);
  const now = (deps.now ?? defaults.now)();
  const ok = await withTenant({ tenantId: tenant.id, requestId: meta.requestId, user: null }, async (tx) => {
    const user = await findPending(tx, address);
    if (!user) return false; // unknown, or already confirmed: the same answer as a wrong code
    // Committed either way (the function returns, it does not throw), so failures add up.
    const check = await consumeOtp(tx, { tenantId: tenant.id, userId: user.id, channel: "EMAIL", purpose: PURPOSE, code, now });
    if (check !== "ok") {
      await recordSecurityEvent(tx, meta, { type: "TWO_FACTOR_FAILED", severity: "LOW", userId: user.id, details: { purpose: PURPOSE } });
      return false;
    }
    await tx.user.update({ where: { tenantId_id: { tenantId: tenant.id, id: user.id } }, data: { status: "ACTIVE", emailVerifiedAt: now }, select: { id: true } });
    await recordAudit(tx, { ...meta, user }, { action: "user.email_verified", entityType: "user", entityId: user.id });
    return true;
  });
  if (!ok) throw new AppError("unprocessable", CODE_INVALID, { code: [CODE_INVALID] });
}

/** A new code for a pending account; at most one per minute. Resolves the same in every case. */
export async function resendConfirmationCode(tenantSlug: string, address: unknown, meta: Meta, deps: Partial<SelfRegistrationDeps> = {}): Promise<void> {
  const d = { ...defaults, ...deps };
  const parsed = email.safeParse(address);
  if (!parsed.success) throw new AppError("validation", "Informe um e-mail válido.", { email: ["Informe um e-mail válido."] });
  const tenant = await activeTenant(tenantSlug);
  const now = d.now();
  const code = await withTenant({ tenantId: tenant.id, requestId: meta.requestId, user: null }, async (tx) => {
    const user = await findPending(tx, parsed.data);
    if (!user) return null;
    try {
      return await issueCode(tx, tenant.id, user.id, now);
    } catch (error) {
      if (!isAppError(error) || error.code !== "rate_limited") throw error;
      await recordSecurityEvent(tx, meta, { type: "RATE_LIMITED", severity: "LOW", userId: user.id, details: { reason: PURPOSE } });
      return null;
    }
  });
  if (code) await d.sendMail(codeMail(parsed.data, tenant.name, code)).catch((error: unknown) => console.error("confirmation code mail failed", { requestId: meta.requestId, error }));
}
