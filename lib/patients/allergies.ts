import { recordAudit, recordDataAccess } from "@/lib/audit/record";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { FREE_TEXT, sealText } from "@/lib/crypto/free-text";
import { withTenant } from "@/lib/db/tenant";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { drugCatalogue } from "@/lib/prescriptions/catalogue/catalogue";
import { catalogueMessage } from "@/lib/prescriptions/catalogue/messages";
import { parseInput } from "@/lib/users/parse";
import { assertEditable } from "./mutations";
import { loadPatient } from "./queries";
import { allergySchema } from "./record-schemas";

// Allergies: recorded by the desk (patients:write) or a doctor (records:write); never deleted,
// inactivated when found wrong or outgrown. "Nega alergias" is an explicit statement, distinct
// from "not asked", and cannot stand beside an active allergy: recording an allergy withdraws
// an earlier denial (new information wins, and the audit row says so); declaring a denial
// while allergies are active is refused. Audit rows name the allergy, not the substance. The
// reaction is free text about the patient, sealed at rest (lib/crypto/free-text.ts).

export const DENIAL_WITH_ACTIVE = "Há alergias ativas: inative-as antes de registrar que o paciente nega alergias.";

function assertCanRecord(ctx: Context): void {
  if (!can(ctx, "patients:write") && !can(ctx, "records:write")) throw forbidden();
}

export async function addAllergy(ctx: Context, patientId: unknown, input: unknown): Promise<{ id: string }> {
  assertCanRecord(ctx);
  const data = parseInput(allergySchema, input);
  if (data.ingredientId && !(await drugCatalogue()).ingredients.has(data.ingredientId)) {
    const message = catalogueMessage("allergyCode.invalid")!;
    throw new AppError("validation", message, { ingredientId: [message] });
  }
  return withTenant(ctx, async (tx) => {
    const patient = await loadPatient(tx, patientId);
    assertEditable(patient.status);
    const allergy = await tx.patientAllergy.create({
      data: {
        substance: data.substance, severity: data.severity, patientId: patient.id, recordedBy: ctx.user?.id ?? null,
        ingredientId: data.ingredientId ?? null, drugClass: data.drugClass ?? null,
        reactionEnc: sealText(ctx.tenantId, FREE_TEXT.allergyReaction, data.reaction),
      },
      select: { id: true },
    });
    if (patient.deniesAllergies) {
      await tx.patient.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: patient.id } }, data: { deniesAllergies: false }, select: { id: true } });
    }
    await recordAudit(tx, ctx, {
      action: "patient.allergy_added", entityType: "patient", entityId: patient.id,
      // Whether it was coded, never to what: the code names the substance.
      metadata: { allergyId: allergy.id, severity: data.severity, withdrewDenial: patient.deniesAllergies, coded: data.ingredientId ? "ingredient" : data.drugClass ? "class" : null },
    });
    return allergy;
  });
}

export async function inactivateAllergy(ctx: Context, patientId: unknown, allergyId: unknown): Promise<void> {
  assertCanRecord(ctx);
  await withTenant(ctx, async (tx) => {
    const patient = await loadPatient(tx, patientId);
    assertEditable(patient.status);
    const allergy = patient.allergies.find((a) => a.id === allergyId);
    if (!allergy) throw notFound("Alergia");
    if (allergy.inactiveAt) throw new AppError("conflict", "Esta alergia já está inativa.");
    await tx.patientAllergy.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: allergy.id } }, data: { inactiveAt: new Date() }, select: { id: true } });
    await recordAudit(tx, ctx, { action: "patient.allergy_inactivated", entityType: "patient", entityId: patient.id, metadata: { allergyId: allergy.id } });
  });
}

/** Records (true) or withdraws (false) "nega alergias". */
export async function setDeniesAllergies(ctx: Context, patientId: unknown, denies: unknown): Promise<void> {
  assertCanRecord(ctx);
  if (typeof denies !== "boolean") throw new AppError("validation", "Informe se o paciente nega alergias.", { deniesAllergies: ["Valor inválido."] });
  await withTenant(ctx, async (tx) => {
    const patient = await loadPatient(tx, patientId);
    assertEditable(patient.status);
    if (patient.deniesAllergies === denies) return;
    if (denies && patient.allergies.some((a) => !a.inactiveAt)) {
      throw new AppError("conflict", DENIAL_WITH_ACTIVE, { deniesAllergies: [DENIAL_WITH_ACTIVE] });
    }
    await tx.patient.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: patient.id } }, data: { deniesAllergies: denies }, select: { id: true } });
    await recordAudit(tx, ctx, { action: denies ? "patient.denies_allergies" : "patient.denial_withdrawn", entityType: "patient", entityId: patient.id });
  });
}

export type AllergySummary = { denies: boolean; active: { substance: string; severity: string }[] };

/**
 * What the desk and the doctor must see wherever the patient is about to be seen (the
 * appointment page): the active allergies by substance and severity, or whether the patient
 * denies any ("nega alergias"), else nothing recorded ("não informado"). Clinical data: logged.
 */
export async function allergySummary(ctx: Context, patientId: string): Promise<AllergySummary> {
  if (!can(ctx, "patients:read")) throw forbidden();
  return withTenant(ctx, async (tx) => {
    const p = await tx.patient.findFirst({
      where: { id: patientId },
      select: { id: true, deniesAllergies: true, allergies: { where: { inactiveAt: null }, orderBy: { notedAt: "asc" }, select: { substance: true, severity: true } } },
    });
    if (!p) throw notFound("Paciente");
    if (ctx.user) await recordDataAccess(tx, ctx, { patientId: p.id, dataType: "patient_allergies", entityId: p.id, purpose: ctx.purpose ?? "agendamento" });
    return { denies: p.deniesAllergies, active: p.allergies };
  });
}
