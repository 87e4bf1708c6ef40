import { formatCnpj, formatCpf } from "@/lib/br/documents";
import type { Context } from "@/lib/context";
import { openField } from "@/lib/crypto/config";
import type { Tx } from "@/lib/db/client";
import { doctorIdentity } from "@/lib/ehr/signing/doctor-certificate";
import { notFound } from "@/lib/errors";
import { formatDate } from "@/lib/format/date";
import { parseBranding, type Branding } from "./pdf/branding";

// Everything CFM 2.299/2021 asks a medical document to identify, gathered inside the issuing
// transaction from the rows as they are now: the clinic (name, CNPJ, CNES, address), the doctor
// (name, CRM/UF, RQE) and the patient (name, CPF; address where the document needs it). It is
// frozen into the signed content, so later edits of any of those rows never change a document.

export type Party = { name: string; address: string | null; city: string | null; uf: string | null };

export type DocumentHeader = {
  clinic: Party & { legalName: string; cnpj: string; cnes: string | null; phone: string | null };
  doctor: { id: string; name: string; crm: string; crmUf: string; rqe: string | null };
  patient: { id: string; name: string; cpf: string | null; address: string | null };
};

type AddressParts = { street?: unknown; number?: unknown; complement?: unknown; district?: unknown; city?: unknown; uf?: unknown; cep?: unknown };

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);

/** "Rua X, 10, Sala 2 — Bairro — Cidade/UF — CEP 01310-200", from whatever parts exist. */
export function formatAddress(parts: AddressParts | null | undefined): string | null {
  if (!parts) return null;
  const street = [str(parts.street), str(parts.number), str(parts.complement)].filter(Boolean).join(", ");
  const cityUf = [str(parts.city), str(parts.uf)].filter(Boolean).join("/");
  const cep = str(parts.cep)?.replace(/^(\d{5})(\d{3})$/, "$1-$2");
  const text = [street, str(parts.district), cityUf, cep ? `CEP ${cep}` : null].filter(Boolean).join(" — ");
  return text || null;
}

export async function documentHeader(tx: Tx, ctx: Context, patientId: string): Promise<{ header: DocumentHeader; branding: Branding }> {
  const doctor = await doctorIdentity(tx, ctx, ctx.user!.id);
  const rqe = (await tx.user.findFirst({ where: { id: ctx.user!.id }, select: { rqe: true } }))?.rqe ?? null;
  const tenant = await tx.tenant.findUniqueOrThrow({
    where: { id: ctx.tenantId },
    select: { name: true, legalName: true, cnpj: true, cnes: true, phone: true, address: true, branding: true },
  });
  const patient = await tx.patient.findFirst({
    where: { id: patientId },
    select: { id: true, fullName: true, socialName: true, cpfEnc: true, street: true, number: true, complement: true, district: true, city: true, uf: true, cep: true },
  });
  if (!patient) throw notFound("Paciente");
  const clinicAddress = (tenant.address ?? null) as AddressParts | null;
  const cpf = patient.cpfEnc ? formatCpf(openField(ctx.tenantId, "patients.cpf", patient.cpfEnc)) : null;
  // Decreto 8.727/2016: the social name first, the civil name beside it for identification.
  const name = patient.socialName ? `${patient.socialName} (${patient.fullName})` : patient.fullName;
  return {
    header: {
      clinic: {
        name: tenant.name, legalName: tenant.legalName, cnpj: formatCnpj(tenant.cnpj), cnes: tenant.cnes, phone: tenant.phone,
        address: formatAddress(clinicAddress), city: str(clinicAddress?.city), uf: str(clinicAddress?.uf),
      },
      doctor: { id: ctx.user!.id, name: doctor.name, crm: doctor.crm, crmUf: doctor.crmUf, rqe },
      patient: { id: patient.id, name, cpf, address: formatAddress(patient) },
    },
    branding: parseBranding(tenant.branding),
  };
}

/** The calendar day of an instant in the clinic's zone, as yyyy-mm-dd. */
export function localDay(at: Date, timeZone: string): string {
  const [d, m, y] = formatDate(at, timeZone).split("/");
  return `${y}-${m}-${d}`;
}

/** yyyy-mm-dd plus n days (calendar arithmetic in UTC, no zone involved). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** dd/mm/aaaa of a yyyy-mm-dd day. */
export const printDay = (day: string) => day.split("-").reverse().join("/");
