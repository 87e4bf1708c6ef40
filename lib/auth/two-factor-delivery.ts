import { mailLayout } from "@/lib/mail/templates";
import { sendMail as smtpSendMail, type MailMessage } from "@/lib/mail/send";
import { sendSms as driverSendSms } from "@/lib/sms/send";
import type { OtpChannel, OtpPurpose } from "./one-time-codes";

// The messages that carry a second-factor code. Sending happens after the transaction that
// stored the code has committed (a slow SMTP server must not hold a database connection), and
// the transports are injectable: they are the one thing outside the machine.

export type DeliveryDeps = {
  sendMail: (msg: MailMessage) => Promise<void>;
  sendSms: (msg: { to: string; text: string }) => Promise<void>;
};

export const defaultDelivery: DeliveryDeps = { sendMail: smtpSendMail, sendSms: driverSendSms };

export type Delivery = { channel: OtpChannel; to: string; clinicName: string; code: string; purpose: OtpPurpose };

const LINES: Record<OtpPurpose, string> = {
  sign_in: "Use este código para concluir a entrada na sua conta.",
  enrol: "Use este código para ativar o envio de códigos de verificação nesta conta.",
  email_confirmation: "Use este código para confirmar seu e-mail e ativar seu cadastro.",
};

export function otpMail({ to, clinicName, code, purpose }: Omit<Delivery, "channel">): MailMessage {
  const body = [
    `Seu código de verificação é ${code}.`,
    `${LINES[purpose]} Ele vale por 10 minutos e só pode ser usado uma vez.`,
    "Se não foi você, não informe este código a ninguém e troque sua senha.",
  ].join("\n\n");
  return { to, subject: `Código de verificação — ${clinicName}`, ...mailLayout({ clinicName, body }) };
}

// Short enough for one SMS segment; the clinic's name says who sent it.
export const otpSms = ({ clinicName, code }: Pick<Delivery, "clinicName" | "code">) =>
  `${clinicName}: seu código de verificação é ${code}. Vale por 10 minutos. Não o compartilhe.`;

export async function deliverOtp(d: Delivery, deps: DeliveryDeps = defaultDelivery): Promise<void> {
  if (d.channel === "EMAIL") await deps.sendMail(otpMail(d));
  else await deps.sendSms({ to: d.to, text: otpSms(d) });
}

/** "ana.souza@clinica.com" → "a***@clinica.com", "11987654321" → "(**) *****-4321": enough to recognise, no more. */
export function maskDestination(channel: OtpChannel, to: string): string {
  if (channel === "SMS") return `(**) *****-${to.replace(/\D/g, "").slice(-4)}`;
  const [local = "", domain = ""] = to.split("@");
  return `${local.slice(0, 1)}***@${domain}`;
}
