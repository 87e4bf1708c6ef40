import { recordAudit } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import type { ConsentPurpose } from "@/lib/generated/prisma/enums";
import { parseInput } from "@/lib/users/parse";
import { assertCanWrite, assertEditable } from "./mutations";
import { loadPatient } from "./queries";
import { communicationConsentSchema, type CommunicationConsents } from "./record-schemas";

// Per-channel communication consent (LGPD art. 7, I): whether the clinic may send e-mail, SMS
// or WhatsApp messages. Kept apart from consent to care (HEALTH_CARE, TELEMEDICINE), which
// this module never touches. Each channel is a flag on patients (read by the reminder jobs)
// and a consents row with the term version; withdrawing sets revoked_at, never deletes.

/** Version of the communication consent text shown at the desk. */
export const COMMUNICATION_TERM_VERSION = "comunicacao-2026-11";

const CHANNELS = [
  { key: "email", flag: "consentEmail", purpose: "COMMUNICATION_EMAIL" },
  { key: "sms", flag: "consentSms", purpose: "COMMUNICATION_SMS" },
  { key: "whatsapp", flag: "consentWhatsapp", purpose: "COMMUNICATION_WHATSAPP" },
] as const satisfies readonly { key: keyof CommunicationConsents; flag: string; purpose: ConsentPurpose }[];

/** consents rows for the channels given now (create-time helper). */
export function consentRowsFor(ctx: Context, given: CommunicationConsents) {
  return CHANNELS.filter((c) => given[c.key]).map((c) => ({
    purpose: c.purpose, legalBasis: "CONSENT" as const, termVersion: COMMUNICATION_TERM_VERSION,
    ip: ctx.ip?.slice(0, 45) ?? null, recordedBy: ctx.user?.id ?? null,
  }));
}

/**
 * Sets the three channels at once (input: { email, sms, whatsapp }). A newly given channel gets
 * a consents row; a withdrawn one has its open row revoked. Needs patients:write.
 */
export async function setCommunicationConsents(ctx: Context, patientId: unknown, input: unknown): Promise<CommunicationConsents> {
  assertCanWrite(ctx);
  const wanted = parseInput(communicationConsentSchema, input);
  return withTenant(ctx, async (tx) => {
    const patient = await loadPatient(tx, patientId);
    assertEditable(patient.status);
    const now = new Date();
    const given: ConsentPurpose[] = [];
    const revoked: ConsentPurpose[] = [];
    for (const c of CHANNELS) {
      const had = patient[c.flag];
      if (wanted[c.key] && !had) given.push(c.purpose);
      if (!wanted[c.key] && had) revoked.push(c.purpose);
    }
    if (given.length === 0 && revoked.length === 0) return wanted;
    await tx.patient.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: patient.id } },
      data: { consentEmail: wanted.email, consentSms: wanted.sms, consentWhatsapp: wanted.whatsapp },
      select: { id: true },
    });
    if (revoked.length > 0) {
      await tx.consent.updateMany({ where: { patientId: patient.id, purpose: { in: revoked }, revokedAt: null }, data: { revokedAt: now } });
    }
    if (given.length > 0) {
      const rows = consentRowsFor(ctx, wanted).filter((r) => given.includes(r.purpose));
      await tx.consent.createMany({ data: rows.map((r) => ({ ...r, patientId: patient.id, givenAt: now })) });
    }
    await recordAudit(tx, ctx, {
      action: "patient.communication_consent_changed", entityType: "patient", entityId: patient.id,
      metadata: { given, revoked, termVersion: COMMUNICATION_TERM_VERSION },
    });
    return wanted;
  });
}
