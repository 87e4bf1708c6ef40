import { recordAudit } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { requireClinicalAccess } from "@/lib/ehr/access";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/scheduling/access";
import { sealAddendum } from "./content";
import { loadRecord } from "./load";
import { assertClinician } from "./policy";
import { addendumSchema } from "./schemas";
import { freezeAndSign } from "./sign";
import { recordsMessage } from "./messages";

// A correction of a signed note (SBIS NGS1, CFM 1.821/2007): a new row by the author that points
// at the original and is signed when written. The original never changes.

export async function createAddendum(
  ctx: Context, id: unknown, input: unknown, opts: { now?: Date } = {},
): Promise<{ id: string; amendsId: string; contentHash: string }> {
  const { text } = parseInput(addendumSchema, input);
  const userId = assertClinician(ctx, "records:sign");
  const now = opts.now ?? new Date();
  return withTenant(ctx, async (tx) => {
    const original = await loadRecord(tx, id);
    await requireClinicalAccess(tx, ctx, original.patientId);
    if (original.status !== "SIGNED") throw new AppError("conflict", recordsMessage("addendumNeedsSigned"));
    if (original.doctorId !== userId) throw new AppError("conflict", recordsMessage("addendumAuthorOnly"));
    // An addendum of an addendum belongs to the same encounter.
    const amendsId = original.amendsId ?? original.id;
    const created = await tx.medicalRecord.create({
      data: {
        patientId: original.patientId, doctorId: userId, type: "ADDENDUM", status: "DRAFT", amendsId, occurredAt: now,
        contentEnc: sealAddendum(ctx.tenantId, text),
      },
      select: { id: true },
    });
    const row = await loadRecord(tx, created.id);
    const { contentHash, envelope, audit } = await freezeAndSign(tx, ctx, row, now);
    for (const entry of audit) await recordAudit(tx, ctx, entry);
    await recordAudit(tx, ctx, {
      action: "medical_record.addendum_signed", entityType: "medical_record", entityId: created.id,
      metadata: { amendsId, contentHash, signerKind: envelope.signerKind },
    });
    return { id: created.id, amendsId, contentHash };
  });
}
