import { recordAudit } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import { sealField } from "@/lib/crypto/config";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { requireClinicalAccessToKnownPatient } from "@/lib/ehr/access";
import { parseInput } from "@/lib/scheduling/access";
import { rxError } from "./errors";
import { itemRow, resolveItems, type ResolvedItem } from "./items";
import { loadPrescription, lockPrescription, NOTES_COLUMN } from "./load";
import { assertEditable, assertPrescriber, assertVersion, encounterForPrescribing } from "./policy";
import { decideKind } from "./rules/kinds";
import { createPrescriptionSchema, updatePrescriptionSchema } from "./schemas";

// Drafts: written by the doctor inside their encounter, replaced whole at the version the editor
// loaded (a stale tab gets a conflict, never a silent overwrite). The kind is not chosen: it
// follows from the items (rules/kinds.ts) and is stored with every save. Items naming a
// substance this app must not issue (lists A/B, proscribed) are kept in the draft, so the doctor
// sees the explanation beside them, and refused at signing.

export type SavedPrescription = { id: string; version: number };

async function writeItems(tx: Tx, tenantId: string, prescriptionId: string, items: ResolvedItem[]): Promise<void> {
  await tx.prescriptionItem.deleteMany({ where: { prescriptionId } });
  if (items.length > 0) await tx.prescriptionItem.createMany({ data: items.map((i) => itemRow(tenantId, prescriptionId, i)) });
}

const auditFacts = (items: ResolvedItem[], kind: string) => ({
  itemCount: items.length, freeTextItems: items.filter((i) => i.freeText).length, kind,
});

export async function createPrescriptionDraft(ctx: Context, input: unknown): Promise<SavedPrescription> {
  const data = parseInput(createPrescriptionSchema, input);
  const doctorId = assertPrescriber(ctx);
  const items = await resolveItems(ctx, data.items);
  const { kind } = decideKind(items.map((i) => i.regulation));
  return withTenant(ctx, async (tx) => {
    const encounter = await encounterForPrescribing(tx, ctx, data.medicalRecordId, doctorId);
    const row = await tx.prescription.create({
      data: {
        patientId: encounter.patientId, doctorId, medicalRecordId: encounter.id, kind, status: "DRAFT",
        notesEnc: data.notes ? sealField(ctx.tenantId, NOTES_COLUMN, data.notes) : null,
      },
      select: { id: true, version: true },
    });
    await writeItems(tx, ctx.tenantId, row.id, items);
    await recordAudit(tx, ctx, {
      action: "prescription.draft_created", entityType: "prescription", entityId: row.id,
      metadata: { medicalRecordId: encounter.id, patientId: encounter.patientId, ...auditFacts(items, kind) },
    });
    return { id: row.id, version: row.version };
  });
}

export async function updatePrescriptionDraft(ctx: Context, id: unknown, input: unknown): Promise<SavedPrescription> {
  const data = parseInput(updatePrescriptionSchema, input);
  const userId = assertPrescriber(ctx);
  const items = await resolveItems(ctx, data.items);
  const { kind } = decideKind(items.map((i) => i.regulation));
  return withTenant(ctx, async (tx) => {
    const found = await loadPrescription(tx, id);
    await requireClinicalAccessToKnownPatient(tx, ctx, found.patientId);
    await lockPrescription(tx, found.id);
    const row = await loadPrescription(tx, found.id);
    assertEditable(userId, row);
    assertVersion(row, data.version);
    const changed = await tx.prescription.updateMany({
      where: { id: row.id, version: row.version, status: "DRAFT" },
      data: { kind, version: row.version + 1, notesEnc: data.notes ? sealField(ctx.tenantId, NOTES_COLUMN, data.notes) : null },
    });
    if (changed.count !== 1) throw rxError("conflict", "staleVersion", { current: row.version + 1, expected: data.version }, "version");
    await writeItems(tx, ctx.tenantId, row.id, items);
    await recordAudit(tx, ctx, {
      action: "prescription.draft_saved", entityType: "prescription", entityId: row.id,
      metadata: { version: row.version + 1, ...auditFacts(items, kind) },
    });
    return { id: row.id, version: row.version + 1 };
  });
}
