import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { requireClinicalAccess } from "@/lib/ehr/access";
import type { SignatureEnvelope } from "@/lib/ehr/signing/signer";
import { signerFor } from "@/lib/ehr/signing/signer-for";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/scheduling/access";
import { canonicalBytes, sha256Hex } from "./canonical";
import { sealSigned } from "./content";
import { canonicalOf, loadRecord, type RecordRow } from "./load";
import { assertClinician, assertSignable, assertVersion, needsReview, staleConflict } from "./policy";
import { tenantSettings } from "./queries";
import { signSchema } from "./schemas";
import { recordsMessage } from "./messages";

// Sign → lock. The canonical bytes of the note (sections, diagnoses, patient, doctor, time,
// appointment, template) are hashed and signed through the Signer; the bytes are kept sealed
// beside the hash and the envelope, and from then on the row is frozen by the database trigger.

export type SignedRecord = { id: string; status: "SIGNED"; contentHash: string; signedAt: string; version: number };

/**
 * Freezes `row` as it is now: canonical bytes, hash, envelope; inside the caller's transaction.
 * The signer's own audit entries (certificate issued on first use) come back for the caller to
 * write last, before its own.
 */
export async function freezeAndSign(tx: Tx, ctx: Context, row: RecordRow, now: Date, expectedHash?: string) {
  const canonical = canonicalBytes(canonicalOf(ctx, row));
  const contentHash = sha256Hex(canonical);
  if (expectedHash && expectedHash !== contentHash) {
    throw new AppError("conflict", recordsMessage("contentChanged"));
  }
  const audit: AuditEntry[] = [];
  const envelope: SignatureEnvelope = await signerFor(ctx).sign(tx, ctx, {
    signerUserId: ctx.user!.id, content: canonical, documentType: "medical_record", documentId: row.id, audit,
  });
  if (envelope.contentSha256 !== contentHash) throw new Error("signer hashed other bytes than it was given");
  const changed = await tx.medicalRecord.updateMany({
    where: { id: row.id, version: row.version, status: row.status },
    data: {
      status: "SIGNED", signedAt: now, signedBy: ctx.user!.id, contentHash, version: row.version + 1,
      signedContentEnc: sealSigned(ctx.tenantId, new TextDecoder().decode(canonical)), signature: envelope as unknown as object,
    },
  });
  if (changed.count !== 1) throw staleConflict();
  return { contentHash, envelope, version: row.version + 1, audit };
}

export async function signRecord(ctx: Context, id: unknown, input: unknown, opts: { now?: Date } = {}): Promise<SignedRecord> {
  const data = parseInput(signSchema, input);
  const userId = assertClinician(ctx, "records:sign");
  const now = opts.now ?? new Date();
  return withTenant(ctx, async (tx) => {
    const row = await loadRecord(tx, id);
    await requireClinicalAccess(tx, ctx, row.patientId);
    const reviewRequired = row.type !== "ADDENDUM" && needsReview(await tenantSettings(tx, ctx), row.doctorId);
    assertSignable(userId, row, reviewRequired);
    assertVersion(row, data.version);
    const { contentHash, envelope, version, audit } = await freezeAndSign(tx, ctx, row, now, data.contentHash);
    for (const entry of audit) await recordAudit(tx, ctx, entry);
    await recordAudit(tx, ctx, {
      action: "medical_record.signed", entityType: "medical_record", entityId: row.id,
      metadata: { contentHash, signerKind: envelope.signerKind, algorithm: envelope.algorithm, version, reviewed: reviewRequired },
    });
    return { id: row.id, status: "SIGNED", contentHash, signedAt: now.toISOString(), version };
  });
}
