import type { ReminderChannel } from "@/lib/generated/prisma/enums";
import { sendMail } from "@/lib/mail/send";
import { sendSms } from "@/lib/sms/send";

// One interface for every way of reaching a patient. E-mail goes over SMTP, SMS through the
// SMS provider interface (logging driver today); push and WhatsApp have no provider yet, so
// they are never planned (planReminders only uses DELIVERABLE_CHANNELS) and refuse to send.

export type OutgoingMessage = { subject: string; text: string; html?: string; shortText: string };

export interface ChannelDriver {
  send(to: string, message: OutgoingMessage): Promise<void>;
}

export type ChannelDrivers = Partial<Record<ReminderChannel, ChannelDriver>>;

export const DELIVERABLE_CHANNELS = ["EMAIL", "SMS"] as const satisfies readonly ReminderChannel[];

export const defaultDrivers: ChannelDrivers = {
  EMAIL: { send: (to, m) => sendMail({ to, subject: m.subject, text: m.text, html: m.html }) },
  SMS: { send: (to, m) => sendSms({ to, text: m.shortText }) },
};

export type PatientReach = {
  email: string | null;
  phone: string | null;
  consentEmail: boolean;
  consentSms: boolean;
  consentWhatsapp: boolean;
};

/**
 * Where a channel reaches this patient, or why it may not be used. Consent is checked first:
 * without it there is no message, whatever contact data the record holds.
 */
export function reachFor(channel: ReminderChannel, p: PatientReach): { to: string } | { refused: "no_consent" | "no_contact" } {
  const consent = { EMAIL: p.consentEmail, SMS: p.consentSms, WHATSAPP: p.consentWhatsapp, PUSH: false }[channel];
  if (!consent) return { refused: "no_consent" };
  const to = channel === "EMAIL" ? p.email : channel === "PUSH" ? null : p.phone;
  return to ? { to } : { refused: "no_contact" };
}
