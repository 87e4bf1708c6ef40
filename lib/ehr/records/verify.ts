import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { logClinicalRead, requireClinicalAccess } from "@/lib/ehr/access";
import type { CertificateFacts, SignatureEnvelope, Signer } from "@/lib/ehr/signing/signer";
import { AppError } from "@/lib/errors";
import { sha256Hex, storedParts, type CanonicalRecord } from "./canonical";
import { openSigned } from "./content";
import { canonicalOf, loadRecord, type RecordRow } from "./load";
import { verifierFor } from "@/lib/ehr/signing/signer-for";
import { recordsMessage } from "./messages";

// "Verificar assinatura": who signed, when, with which certificate, and whether what is stored
// still matches what was signed. Three things can betray tampering done around the trigger (an
// owner who disabled it): the sealed signed bytes no longer hash to the stored hash, the
// signature no longer verifies, or the record's live columns (sections, diagnoses, ids) no
// longer equal the signed bytes.

export type RecordVerification = {
  valid: boolean;
  contentMatches: boolean;
  signatureValid: boolean;
  chainValid: boolean;
  signedAt: string;
  signedBy: { id: string; name: string };
  certificate: CertificateFacts | null;
  signerKind: string;
  contentHash: string;
  problems: string[];
};

function signedBytes(ctx: Context, row: RecordRow): { text: string; record: CanonicalRecord } | null {
  try {
    const text = openSigned(ctx.tenantId, row.signedContentEnc!);
    return { text, record: JSON.parse(text) as CanonicalRecord };
  } catch {
    return null;
  }
}

function liveMatches(ctx: Context, row: RecordRow, signed: CanonicalRecord): boolean {
  try {
    return storedParts(canonicalOf(ctx, row)) === storedParts(signed);
  } catch {
    return false; // a live ciphertext that no longer opens is a change too
  }
}

export async function verifyRecord(ctx: Context, id: unknown): Promise<RecordVerification> {
  return withTenant(ctx, async (tx) => {
    const row = await loadRecord(tx, id);
    const access = await requireClinicalAccess(tx, ctx, row.patientId);
    if (row.status !== "SIGNED" || !row.signature || !row.signedContentEnc) throw new AppError("conflict", recordsMessage("notSignedYet"));
    const envelope = row.signature as unknown as SignatureEnvelope;
    const signed = signedBytes(ctx, row);
    const problems: string[] = [];
    let result: Awaited<ReturnType<Signer["verify"]>> | null = null;
    const signer = verifierFor(envelope);
    if (!signer) problems.push("unsupported_signer");
    else if (!signed) problems.push("signed_content_unreadable");
    else {
      result = await signer.verify(tx, ctx, envelope, new TextEncoder().encode(signed.text));
      problems.push(...result.problems);
      if (sha256Hex(signed.text) !== row.contentHash) problems.push("stored_hash_mismatch");
      if (!liveMatches(ctx, row, signed.record)) problems.push("stored_content_changed");
    }
    const signerUser = await tx.user.findFirst({ where: { id: row.signedBy ?? row.doctorId }, select: { id: true, name: true } });
    await logClinicalRead(tx, ctx, access, { dataType: "medical_record_signature", entityId: row.id });
    const unique = [...new Set(problems)];
    const contentMatches = !!result?.contentMatches && !unique.some((p) => p.startsWith("stored_") || p === "signed_content_unreadable");
    return {
      valid: !!result?.valid && unique.length === 0, contentMatches,
      signatureValid: !!result?.signatureValid, chainValid: !!result?.chainValid,
      signedAt: row.signedAt!.toISOString(), signedBy: signerUser ?? { id: row.doctorId, name: "" },
      certificate: result?.certificate ?? null, signerKind: envelope.signerKind, contentHash: row.contentHash ?? "", problems: unique,
    };
  });
}
