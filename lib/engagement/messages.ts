import { firstName } from "@/lib/format/names";
import { formatDate, formatTime } from "@/lib/format/date";
import { mailLayout } from "@/lib/mail/templates";
import type { OutgoingMessage } from "./channels";
import type { TenantFacts } from "./tenant-facts";

// The Portuguese texts patients receive. Only what the patient needs to act: when, with whom,
// where (or the portal link for a teleconsulta), and the links. No reason for the visit, no
// clinical detail: a message may be read on a lock screen.

export type AppointmentFacts = {
  startsAt: Date;
  doctorName: string;
  patientFirstName: string;
  modality: "IN_PERSON" | "TELEMEDICINE";
};

const where = (tenant: TenantFacts, a: AppointmentFacts, portalUrl: string) =>
  a.modality === "TELEMEDICINE"
    ? `É uma teleconsulta (por vídeo). No dia, entre pelo portal do paciente, aceite o termo de consentimento e use o link da sala: ${portalUrl}`
    : tenant.address ? `Endereço: ${tenant.address}.` : "";

export function reminderMessage(
  tenant: TenantFacts,
  a: AppointmentFacts,
  links: { confirm: string; cancel: string; portal: string },
): OutgoingMessage {
  const date = formatDate(a.startsAt, tenant.timeZone);
  const time = formatTime(a.startsAt, tenant.timeZone);
  const notice = tenant.settings.scheduling.minCancellationNoticeHours;
  const body = [
    `Olá, ${a.patientFirstName}.`,
    `Lembramos sua consulta com ${a.doctorName} em ${date} às ${time}.`,
    where(tenant, a, links.portal),
    "Por favor, confirme sua presença pelo botão abaixo.",
    `Se não puder comparecer, cancele com pelo menos ${notice} h de antecedência: ${links.cancel}`,
    tenant.phone ? `Dúvidas: ${tenant.phone}.` : "",
  ].filter(Boolean).join("\n\n");
  const { text, html } = mailLayout({ clinicName: tenant.name, body, action: { label: "Confirmar presença", url: links.confirm } });
  return {
    subject: `Lembrete de consulta em ${date} às ${time} – ${tenant.name}`,
    text,
    html,
    shortText: `${tenant.name}: consulta ${date} ${time} com ${a.doctorName}. Confirmar: ${links.confirm} Cancelar: ${links.cancel}`,
  };
}

export function offerMessage(
  tenant: TenantFacts,
  offer: { startsAt: Date; doctorName: string; patientFirstName: string; expiresAt: Date },
  acceptUrl: string,
): OutgoingMessage {
  const date = formatDate(offer.startsAt, tenant.timeZone);
  const time = formatTime(offer.startsAt, tenant.timeZone);
  const until = `${formatDate(offer.expiresAt, tenant.timeZone)} às ${formatTime(offer.expiresAt, tenant.timeZone)}`;
  const body = [
    `Olá, ${offer.patientFirstName}.`,
    `Abriu um horário com ${offer.doctorName} em ${date} às ${time}, e você está na nossa lista de espera.`,
    `O horário fica reservado para você até ${until}. Depois disso ele é oferecido à próxima pessoa da lista.`,
    tenant.phone ? `Dúvidas: ${tenant.phone}.` : "",
  ].filter(Boolean).join("\n\n");
  const { text, html } = mailLayout({ clinicName: tenant.name, body, action: { label: "Quero este horário", url: acceptUrl } });
  return {
    subject: `Horário disponível em ${date} às ${time} – ${tenant.name}`,
    text,
    html,
    shortText: `${tenant.name}: abriu um horário ${date} ${time} com ${offer.doctorName}. Reservado até ${until}: ${acceptUrl}`,
  };
}

export const patientFirstName = (fullName: string, socialName: string | null) => firstName(socialName ?? fullName);
