import { recordDataAccess } from "@/lib/audit/record";
import { formatCpf } from "@/lib/br/documents";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { openField } from "@/lib/crypto/config";
import { FREE_TEXT, openText } from "@/lib/crypto/free-text";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { forbidden, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatDateInput } from "./br-input";
import { patientIdSchema } from "./record-schemas";
import type { InsurerOption, PatientRecord } from "./record-types";
import { searchPatients } from "./search";

export { searchPatients };
/** @deprecated the staff list and /api/v1 call searchPatients; kept for existing callers. */
export const listPatients = searchPatients;

export const PATIENT_NOT_FOUND = "Paciente";

const recordSelect = {
  id: true, status: true, incomplete: true, fullName: true, socialName: true, cpfEnc: true, cpfHash: true, cns: true,
  passport: true, birthDate: true, sex: true, email: true, phone: true, cep: true, street: true, number: true,
  complement: true, district: true, city: true, uf: true, insuranceProviderId: true, insurancePlan: true,
  insuranceCardNumber: true, insuranceValidUntil: true, deniesAllergies: true, consentEmail: true,
  consentSms: true, consentWhatsapp: true, archivedAt: true, createdAt: true, updatedAt: true,
  insuranceProvider: { select: { name: true } },
  allergies: { orderBy: [{ inactiveAt: { sort: "desc", nulls: "first" } }, { notedAt: "desc" }], include: { ingredient: { select: { id: true, name: true } } } },
  emergencyContacts: { orderBy: { name: "asc" } },
} satisfies Prisma.PatientSelect;

/**
 * Loads a patient inside a tenant transaction; another clinic's id (or a malformed one) is
 * simply not found, never forbidden. The caller checks permissions first.
 */
export async function loadPatient(tx: Tx, id: unknown) {
  const parsed = patientIdSchema.safeParse(id);
  if (!parsed.success) throw notFound(PATIENT_NOT_FOUND);
  const row = await tx.patient.findFirst({ where: { id: parsed.data }, select: recordSelect });
  if (!row) throw notFound(PATIENT_NOT_FOUND);
  return row;
}
type LoadedPatient = Awaited<ReturnType<typeof loadPatient>>;

export function toRecord(ctx: Context, p: LoadedPatient): PatientRecord {
  const cpf = p.cpfEnc ? openField(ctx.tenantId, "patients.cpf", p.cpfEnc) : null;
  return {
    id: p.id, status: p.status, incomplete: p.incomplete, fullName: p.fullName, socialName: p.socialName,
    cpf: cpf ? formatCpf(cpf) : null, cns: p.cns, passport: p.passport,
    documentException: cpf ? null : p.passport ? "foreigner" : p.incomplete ? null : "newborn",
    birthDate: formatDateInput(p.birthDate) || null, sex: p.sex, email: p.email, phone: p.phone,
    address: { cep: p.cep, street: p.street, number: p.number, complement: p.complement, district: p.district, city: p.city, uf: p.uf },
    insurance: {
      providerId: p.insuranceProviderId, providerName: p.insuranceProvider?.name ?? null, plan: p.insurancePlan,
      cardNumber: p.insuranceCardNumber, validUntil: formatDateInput(p.insuranceValidUntil) || null,
    },
    deniesAllergies: p.deniesAllergies,
    allergies: p.allergies.map((a) => ({
      id: a.id, substance: a.substance, reaction: openText(ctx.tenantId, FREE_TEXT.allergyReaction, a.reactionEnc, a.legacyReaction), severity: a.severity,
      notedAt: a.notedAt.toISOString(), inactiveAt: a.inactiveAt?.toISOString() ?? null,
      coding: { ingredient: a.ingredient, drugClass: a.drugClass },
    })),
    emergencyContacts: p.emergencyContacts.map((c) => ({ id: c.id, name: c.name, relationship: c.relationship, phone: c.phone })),
    communication: { email: p.consentEmail, sms: p.consentSms, whatsapp: p.consentWhatsapp },
    archivedAt: p.archivedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/**
 * One patient's registration record (identification, contact, insurance, allergies, emergency
 * contacts, communication consents). Needs patients:read. Allergies are clinical data, so each
 * view leaves a data_access_logs row (purpose: ctx.purpose or "cadastro do paciente").
 */
export async function getPatient(ctx: Context, id: unknown): Promise<PatientRecord> {
  if (!can(ctx, "patients:read")) throw forbidden();
  return withTenant(ctx, async (tx) => {
    const row = await loadPatient(tx, id);
    if (ctx.user) {
      await recordDataAccess(tx, ctx, { patientId: row.id, dataType: "patient_record", entityId: row.id, purpose: ctx.purpose ?? "cadastro do paciente" });
    }
    return toRecord(ctx, row);
  });
}

/** The clinic's insurers (convênios) for pickers; inactive ones only when `includeInactive`. */
export async function listInsurers(ctx: Context, options: { includeInactive?: boolean } = {}): Promise<InsurerOption[]> {
  if (!can(ctx, "patients:read") && !can(ctx, "settings:manage")) throw forbidden();
  return withTenant(ctx, (tx) => tx.insuranceProvider.findMany({
    where: options.includeInactive ? {} : { active: true },
    orderBy: { name: "asc" },
    select: { id: true, name: true, active: true },
  }));
}
