import { z } from "zod";
import { recordAudit, recordSecurityEvent } from "@/lib/audit/record";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { openField, sealField } from "@/lib/crypto/config";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { env } from "@/lib/env";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { formatDateTime } from "@/lib/format/date";
import { sendMail as smtpSendMail, type MailMessage } from "@/lib/mail/send";
import { mailLayout } from "@/lib/mail/templates";
import { patientIdSchema } from "@/lib/patients/record-schemas";
import { mayBreakGlass } from "./access";
import { text } from "@/lib/validation/text";

// Break-glass (docs/security.md): a staff member whose role does not read charts opens one
// patient's clinical data for a limited time, with a written justification. The grant, a HIGH
// security event and the audit row are one transaction; the clinic's admins are told by e-mail
// right after the commit (SMTP never holds a transaction open). The e-mail names the user and
// the patient's initials and id, never clinical content nor the justification (which may
// describe the patient): admins read it on /admin/break-glass.

export const JUSTIFICATION_COLUMN = "break_glass_grants.justification";
export const DEFAULT_BREAK_GLASS_MINUTES = 60;
export const BREAK_GLASS_RISK = 80;

export const breakGlassSchema = z.object({
  justification: text().trim().min(20, "justificationShort").max(1000, "justificationLong"),
});

/** tenants.settings.breakGlass.minutes (5–480); a missing or bad value is the default, 60. */
const settingSchema = z.object({ minutes: z.number().int().min(5).max(480) });
export function breakGlassMinutes(settings: unknown): number {
  const raw = settings && typeof settings === "object" ? (settings as Record<string, unknown>).breakGlass : undefined;
  const parsed = settingSchema.safeParse(raw);
  return parsed.success ? parsed.data.minutes : DEFAULT_BREAK_GLASS_MINUTES;
}

export type BreakGlassDeps = { sendMail: (msg: MailMessage) => Promise<void>; now: () => Date };
const defaults: BreakGlassDeps = { sendMail: smtpSendMail, now: () => new Date() };

export type BreakGlassOpened = { grantId: string; patientId: string; expiresAt: string; alerted: number };

const initialsOf = (name: string) =>
  name.split(/\s+/).filter((w) => w.length > 2 || /^[A-ZÀ-Ý]/.test(w)).map((w) => w[0]!.toUpperCase()).join("");

function parseJustification(input: unknown): string {
  const parsed = breakGlassSchema.safeParse(input);
  if (parsed.success) return parsed.data.justification;
  const code = parsed.error.issues[0]?.message === "justificationLong" ? "justificationLong" : "justificationShort";
  const message = code === "justificationLong" ? "A justificativa pode ter até 1000 caracteres." : "Escreva a justificativa (ao menos 20 caracteres).";
  throw new AppError("validation", message, { justification: [message] });
}

/**
 * Opens a break-glass grant for `patientId`. Refused (403) to users who may not break glass
 * and to those who already read charts by role (nothing to open); 404 for an unknown patient.
 */
export async function openBreakGlass(ctx: Context, patientId: unknown, input: unknown, deps: Partial<BreakGlassDeps> = {}): Promise<BreakGlassOpened> {
  const d = { ...defaults, ...deps };
  if (can(ctx, "records:read")) throw new AppError("conflict", "Você já tem acesso a este prontuário pelo seu papel.");
  if (!mayBreakGlass(ctx) || !ctx.user) throw forbidden();
  const id = patientIdSchema.safeParse(patientId);
  if (!id.success) throw notFound("Paciente");
  const justification = parseJustification(input);
  const user = ctx.user;
  const { opened, mails } = await withTenant(ctx, async (tx) => {
    const patient = await tx.patient.findFirst({ where: { id: id.data }, select: { id: true, fullName: true } });
    if (!patient) throw notFound("Paciente");
    const tenant = await tx.tenant.findFirst({ where: { id: ctx.tenantId }, select: { name: true, settings: true } });
    const startsAt = d.now();
    const expiresAt = new Date(startsAt.getTime() + breakGlassMinutes(tenant?.settings) * 60_000);
    const grant = await tx.breakGlassGrant.create({
      data: { userId: user.id, patientId: patient.id, justificationEnc: sealField(ctx.tenantId, JUSTIFICATION_COLUMN, justification), startsAt, expiresAt },
      select: { id: true },
    });
    const admins = await adminRecipients(tx, user.id);
    const facts = { grantId: grant.id, patientId: patient.id, expiresAt: expiresAt.toISOString(), alerted: admins.length };
    await recordSecurityEvent(tx, ctx, { type: "BREAK_GLASS_GRANTED", severity: "HIGH", userId: user.id, details: facts });
    await recordAudit(tx, ctx, { action: "ehr.break_glass_opened", entityType: "break_glass_grant", entityId: grant.id, riskScore: BREAK_GLASS_RISK, metadata: facts });
    const alert = { clinicName: tenant?.name ?? ctx.tenantSlug, user, patient: { id: patient.id, initials: initialsOf(patient.fullName) }, startsAt, expiresAt };
    return { opened: facts, mails: admins.map((to) => alertMail(ctx, to, alert)) };
  });
  for (const mail of mails) {
    // The opening stands even if a mail fails (someone needs the chart now); the failure is
    // logged and the HIGH security event still shows the opening to every admin.
    await d.sendMail(mail).catch((error: unknown) => console.error("break-glass alert mail failed", { requestId: ctx.requestId, error }));
  }
  return { grantId: opened.grantId, patientId: opened.patientId, expiresAt: opened.expiresAt, alerted: opened.alerted };
}

/** Active admins of the clinic (the opener excluded: an admin alerting themselves alerts no one). */
async function adminRecipients(tx: Tx, openerId: string): Promise<string[]> {
  const rows = await tx.user.findMany({
    where: { status: "ACTIVE", roles: { some: { role: "admin" } }, id: { not: openerId } },
    select: { email: true }, orderBy: { email: "asc" }, take: 20,
  });
  return rows.map((r) => r.email);
}

type Alert = { clinicName: string; user: { name: string; email: string }; patient: { id: string; initials: string }; startsAt: Date; expiresAt: Date };

function alertMail(ctx: Context, to: string, a: Alert): MailMessage {
  const e = env();
  const url = `${e.NODE_ENV === "production" ? "https" : "http"}://${ctx.tenantSlug}.${e.APP_HOST}/admin/break-glass`;
  const body = [
    `${a.user.name} (${a.user.email}) abriu por acesso de emergência o prontuário do paciente ${a.patient.initials} (id ${a.patient.id}).`,
    `Início: ${formatDateTime(a.startsAt, ctx.timeZone)}. Válido até: ${formatDateTime(a.expiresAt, ctx.timeZone)}.`,
    "A justificativa escrita e cada leitura feita estão registradas na trilha de auditoria. Revise o acesso na página abaixo.",
  ].join("\n\n");
  const { text, html } = mailLayout({ clinicName: a.clinicName, body, action: { label: "Ver acessos de emergência", url } });
  return { to, subject: `Acesso de emergência ao prontuário — ${a.patient.initials}`, text, html };
}

export type BreakGlassGrantItem = {
  id: string; user: { id: string; name: string }; patient: { id: string; name: string };
  justification: string; startsAt: string; expiresAt: string; active: boolean;
};

/** The clinic's break-glass grants, newest first, for admins reviewing them (audit:read). */
export async function listBreakGlassGrants(ctx: Context, options: { limit?: number } = {}, now: Date = new Date()): Promise<BreakGlassGrantItem[]> {
  if (!can(ctx, "audit:read")) throw forbidden();
  const take = Math.min(Math.max(options.limit ?? 100, 1), 200);
  const rows = await withTenant(ctx, (tx) => tx.breakGlassGrant.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }], take,
    select: {
      id: true, justificationEnc: true, startsAt: true, expiresAt: true,
      user: { select: { id: true, name: true } }, patient: { select: { id: true, fullName: true, socialName: true } },
    },
  }));
  return rows.map((r) => ({
    id: r.id, user: r.user, patient: { id: r.patient.id, name: r.patient.socialName ?? r.patient.fullName },
    justification: openField(ctx.tenantId, JUSTIFICATION_COLUMN, r.justificationEnc),
    startsAt: r.startsAt.toISOString(), expiresAt: r.expiresAt.toISOString(),
    active: r.startsAt <= now && r.expiresAt > now,
  }));
}
