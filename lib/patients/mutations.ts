import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { lookupHash, sealField } from "@/lib/crypto/config";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { AppError, forbidden } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/users/parse";
import { patientChanges } from "./audit-diff";
import { COMMUNICATION_TERM_VERSION, consentRowsFor } from "./consents";
import { loadPatient } from "./queries";
import {
  MSG, patientCreateSchema, patientPreRegistrationSchema, patientUpdateSchema, type PatientUpdateData,
} from "./record-schemas";
import { toSearchName } from "./search-name";

// Registration: create (complete, or a quick pre-registration), edit, archive. Patients are
// never deleted. One identity per CPF and per CNS in a clinic (unique keys; checked first for a
// clear field error, and the key still decides a race). Every change is audited in the same
// transaction: the fields changed in clear, their before/after sealed under the patient's own
// data key (lib/audit/changes.ts), the CPF only as "changed".

export type Created = { id: string };

export function assertCanWrite(ctx: Context): void {
  if (!can(ctx, "patients:write")) throw forbidden();
}

const REVIEW = "Revise os campos destacados.";
const fieldConflict = (field: "cpf" | "cns", message: string) => new AppError("conflict", message, { [field]: [message] });

/** The columns a complete registration writes. */
function registrationColumns(ctx: Context, d: PatientUpdateData) {
  const insured = d.insuranceProviderId !== null;
  return {
    fullName: d.fullName, socialName: d.socialName, searchName: toSearchName(d.fullName, d.socialName),
    cpfEnc: d.cpf ? sealField(ctx.tenantId, "patients.cpf", d.cpf) : null,
    cpfHash: d.cpf ? lookupHash(ctx.tenantId, "cpf", d.cpf) : null,
    cns: d.cns, passport: d.passport, birthDate: d.birthDate, sex: d.sex, email: d.email, phone: d.phone,
    cep: d.cep, street: d.street, number: d.number, complement: d.complement, district: d.district,
    city: d.city, uf: d.uf,
    insuranceProviderId: d.insuranceProviderId,
    insurancePlan: insured ? d.insurancePlan : null,
    insuranceCardNumber: insured ? d.insuranceCardNumber : null,
    insuranceValidUntil: insured ? d.insuranceValidUntil : null,
    incomplete: false,
  };
}

async function assertUnique(tx: Tx, cols: { cpfHash: string | null; cns: string | null }, selfId?: string) {
  const notSelf = selfId ? { NOT: { id: selfId } } : {};
  if (cols.cpfHash && (await tx.patient.findFirst({ where: { cpfHash: cols.cpfHash, ...notSelf }, select: { id: true } }))) {
    throw fieldConflict("cpf", MSG.cpfTaken);
  }
  if (cols.cns && (await tx.patient.findFirst({ where: { cns: cols.cns, ...notSelf }, select: { id: true } }))) {
    throw fieldConflict("cns", MSG.cnsTaken);
  }
}

async function assertInsurer(tx: Tx, id: string | null) {
  if (id && !(await tx.insuranceProvider.findFirst({ where: { id, active: true }, select: { id: true } }))) {
    throw new AppError("validation", REVIEW, { insuranceProviderId: [MSG.insurer] });
  }
}

/** A concurrent registration of the same CPF/CNS passes the check and fails on the key. */
async function mapUniqueViolation<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw JSON.stringify(error.meta ?? {}).includes("cns") ? fieldConflict("cns", MSG.cnsTaken) : fieldConflict("cpf", MSG.cpfTaken);
    }
    throw error;
  }
}

/**
 * A complete registration (see patientCreateSchema), with the communication consents given at
 * the desk. Needs patients:write. Invalid input → AppError "validation" with field errors; a
 * CPF or CNS already registered here → "conflict" on that field. Nothing is saved on error.
 */
export async function createPatient(ctx: Context, input: unknown): Promise<Created> {
  assertCanWrite(ctx);
  const data = parseInput(patientCreateSchema, input);
  const cols = registrationColumns(ctx, data);
  return mapUniqueViolation(() => withTenant(ctx, async (tx) => {
    await assertUnique(tx, cols);
    await assertInsurer(tx, data.insuranceProviderId);
    const { communication } = data;
    const patient = await tx.patient.create({
      data: {
        ...cols, createdBy: ctx.user?.id ?? null,
        consentEmail: communication.email, consentSms: communication.sms, consentWhatsapp: communication.whatsapp,
        emergencyContacts: { create: data.emergencyContacts },
        consents: { create: consentRowsFor(ctx, communication) },
      },
      select: { id: true },
    });
    await recordAudit(tx, ctx, {
      action: "patient.created", entityType: "patient", entityId: patient.id,
      metadata: {
        changes: await patientChanges(tx, ctx, patient.id, {}, cols), emergencyContacts: data.emergencyContacts.length,
        communication, termVersion: COMMUNICATION_TERM_VERSION,
      },
    });
    return patient;
  }));
}

/** Quick pre-registration: name and phone only, flagged incomplete until updatePatient. */
export async function preRegisterPatient(ctx: Context, input: unknown): Promise<Created> {
  assertCanWrite(ctx);
  const data = parseInput(patientPreRegistrationSchema, input);
  return withTenant(ctx, async (tx) => {
    const patient = await tx.patient.create({
      data: { fullName: data.fullName, searchName: toSearchName(data.fullName), phone: data.phone, incomplete: true, createdBy: ctx.user?.id ?? null },
      select: { id: true },
    });
    await recordAudit(tx, ctx, { action: "patient.pre_registered", entityType: "patient", entityId: patient.id, metadata: { changes: await patientChanges(tx, ctx, patient.id, {}, data) } });
    return patient;
  });
}

/**
 * Replaces the registration fields (the full form; this also completes a pre-registration) and
 * the emergency contacts. Consents and allergies have their own functions. Needs patients:write;
 * an archived patient must be reactivated first.
 */
export async function updatePatient(ctx: Context, id: unknown, input: unknown): Promise<void> {
  assertCanWrite(ctx);
  await mapUniqueViolation(() => withTenant(ctx, async (tx) => {
    const before = await loadPatient(tx, id);
    assertEditable(before.status);
    const data = parseInput(patientUpdateSchema, input);
    const cols = registrationColumns(ctx, data);
    await assertUnique(tx, cols, before.id);
    await assertInsurer(tx, data.insuranceProviderId === before.insuranceProviderId ? null : data.insuranceProviderId);
    await tx.patient.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: before.id } }, data: cols, select: { id: true } });
    await tx.patientEmergencyContact.deleteMany({ where: { patientId: before.id } });
    if (data.emergencyContacts.length > 0) {
      await tx.patientEmergencyContact.createMany({ data: data.emergencyContacts.map((c) => ({ ...c, patientId: before.id })) });
    }
    await recordAudit(tx, ctx, {
      action: before.incomplete ? "patient.completed" : "patient.updated", entityType: "patient", entityId: before.id,
      metadata: {
        changes: await patientChanges(tx, ctx, before.id, before, cols),
        emergencyContacts: { from: before.emergencyContacts.length, to: data.emergencyContacts.length },
      },
    });
  }));
}

export function assertEditable(status: string): void {
  if (status === "ARCHIVED") throw new AppError("conflict", "Paciente arquivado: reative o cadastro para alterá-lo.");
  if (status === "ANONYMIZED") throw new AppError("conflict", "Cadastro anonimizado: não pode ser alterado.");
}

async function setArchived(ctx: Context, id: unknown, archived: boolean): Promise<void> {
  assertCanWrite(ctx);
  await withTenant(ctx, async (tx) => {
    const patient = await loadPatient(tx, id);
    if (patient.status === "ANONYMIZED") assertEditable(patient.status);
    if ((patient.status === "ARCHIVED") === archived) {
      throw new AppError("conflict", archived ? "Este paciente já está arquivado." : "Este paciente já está ativo.");
    }
    await tx.patient.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: patient.id } },
      data: archived ? { status: "ARCHIVED", archivedAt: new Date() } : { status: "ACTIVE", archivedAt: null },
      select: { id: true },
    });
    await recordAudit(tx, ctx, { action: archived ? "patient.archived" : "patient.unarchived", entityType: "patient", entityId: patient.id });
  });
}

/** Archives (hides from the active list; health data is never deleted). */
export const archivePatient = (ctx: Context, id: unknown) => setArchived(ctx, id, true);
export const unarchivePatient = (ctx: Context, id: unknown) => setArchived(ctx, id, false);
