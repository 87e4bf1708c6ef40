import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { requireClinicalAccess } from "@/lib/ehr/access";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/scheduling/access";
import { applyTransition } from "@/lib/scheduling/status/moves";
import { contentHashOf } from "./canonical";
import { normalizeSections, openSections, sealSections } from "./content";
import { replaceDiagnoses } from "./diagnoses";
import { canonicalOf, loadRecord } from "./load";
import { assertClinician, assertEditableBy, assertVersion, staleConflict } from "./policy";
import { createRecordSchema, saveDraftSchema, SECTION_KEYS, type Sections } from "./schemas";
import { templateSections } from "./templates";
import { recordsMessage } from "./messages";

// Opening and writing an encounter note. The author is the acting doctor; a draft changes only
// at the version it was loaded at (a stale tab gets a conflict, never a silent overwrite).

export type SavedDraft = { id: string; version: number; updatedAt: string; contentHash: string };

async function startFromAppointment(tx: Tx, ctx: Context, appointmentId: string, now: Date) {
  const audit: AuditEntry[] = [];
  const appointment = await tx.appointment.findFirst({ where: { id: appointmentId }, select: { id: true, status: true, patientId: true } });
  if (!appointment) throw notFound("Consulta");
  if (appointment.status !== "IN_PROGRESS" && appointment.status !== "COMPLETED") {
    audit.push(...(await applyTransition(tx, ctx, appointmentId, "IN_PROGRESS", undefined, now)).audit);
  }
  const existing = await tx.medicalRecord.findFirst({ where: { appointmentId, amendsId: null }, select: { id: true } });
  return { patientId: appointment.patientId, existingId: existing?.id ?? null, audit };
}

/**
 * "Iniciar atendimento" (appointmentId: moves it to in progress and opens its note, creating it
 * the first time) or a walk-in note (patientId). Returns the record to open.
 */
export async function openEncounter(ctx: Context, input: unknown, now: Date = new Date()): Promise<{ id: string; created: boolean }> {
  const data = parseInput(createRecordSchema, input);
  const doctorId = assertClinician(ctx);
  return withTenant(ctx, async (tx) => {
    const start = data.appointmentId ? await startFromAppointment(tx, ctx, data.appointmentId, now) : null;
    const patientId = start?.patientId ?? data.patientId!;
    if (data.appointmentId && data.patientId && data.patientId !== patientId) {
      throw new AppError("validation", recordsMessage("patientNotAppointment"), { patientId: [recordsMessage("patientNotAppointment")] });
    }
    await requireClinicalAccess(tx, ctx, patientId);
    if (start?.existingId) {
      for (const entry of start.audit) await recordAudit(tx, ctx, entry);
      return { id: start.existingId, created: false };
    }
    const template = data.templateId ? await templateSections(tx, data.templateId) : null;
    const record = await tx.medicalRecord.create({
      data: {
        patientId, doctorId, appointmentId: data.appointmentId ?? null, templateId: template?.id ?? null,
        type: "CONSULTATION", status: "DRAFT", occurredAt: now,
        contentEnc: sealSections(ctx.tenantId, template?.sections ?? {}),
      },
      select: { id: true },
    });
    for (const entry of start?.audit ?? []) await recordAudit(tx, ctx, entry);
    await recordAudit(tx, ctx, {
      action: "medical_record.created", entityType: "medical_record", entityId: record.id,
      metadata: { patientId, appointmentId: data.appointmentId ?? null, templateId: template?.id ?? null },
    });
    return { id: record.id, created: true };
  });
}

const changedSections = (before: Sections, after: Sections) => SECTION_KEYS.filter((k) => (before[k] ?? "") !== (after[k] ?? ""));

/** Autosave and explicit save of a draft: the whole note at the version the editor loaded. */
export async function saveDraft(ctx: Context, id: unknown, input: unknown): Promise<SavedDraft> {
  const data = parseInput(saveDraftSchema, input);
  const userId = assertClinician(ctx);
  return withTenant(ctx, async (tx) => {
    const row = await loadRecord(tx, id);
    await requireClinicalAccess(tx, ctx, row.patientId);
    if (row.type === "ADDENDUM") throw new AppError("conflict", recordsMessage("addendumImmutable"));
    assertEditableBy(userId, row);
    assertVersion(row, data.version);
    const before = openSections(ctx.tenantId, row.contentEnc);
    const after = normalizeSections(data.sections);
    const changed = await tx.medicalRecord.updateMany({
      where: { id: row.id, version: row.version, status: row.status },
      data: { contentEnc: sealSections(ctx.tenantId, after), version: row.version + 1 },
    });
    if (changed.count !== 1) throw staleConflict();
    const diagnosesChanged = data.diagnoses ? await replaceDiagnoses(tx, row.id, data.diagnoses) : false;
    const saved = await loadRecord(tx, row.id);
    await recordAudit(tx, ctx, {
      action: "medical_record.draft_saved", entityType: "medical_record", entityId: row.id,
      metadata: { version: saved.version, sectionsChanged: changedSections(before, after), diagnosesChanged },
    });
    return { id: row.id, version: saved.version, updatedAt: saved.updatedAt.toISOString(), contentHash: contentHashOf(canonicalOf(ctx, saved)) };
  });
}
