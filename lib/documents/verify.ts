import { randomUUID } from "node:crypto";
import type { Context } from "@/lib/context";
import { openField } from "@/lib/crypto/config";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import type { SignatureEnvelope } from "@/lib/ehr/signing/signer";
import { verifierFor } from "@/lib/ehr/signing/signer-for";
import { contentColumn, type DocumentContent } from "./canonical";
import { normalizeVerificationCode } from "./code";
import { localDay } from "./header";
import { verifyPdfSignature } from "./signature/pdf-verify";
import { readPdf, type PdfRow } from "./storage";
import type { DocumentKind, PrescriptionKind, PublicVerification } from "./types";

// The public side of a document: what /v/<code> (and GET /api/v1/verify/{code}) may tell whoever
// holds the paper. No sign-in: the 60-bit code is the credential, looked up only in the clinic
// of the host. It says whether the document stands (valid, cancelled, expired), what it is, when
// and by whom it was issued, for a prescription how much has been dispensed, and whether the
// stored PDF's embedded signature and the content envelope still verify; of the patient, only
// initials.

const PARTICLES = new Set(["da", "das", "de", "do", "dos", "e", "di", "du"]);

export function initialsOf(name: string): string {
  return name.split(/\s+/).filter((w) => w && !PARTICLES.has(w.toLowerCase())).map((w) => `${Array.from(w)[0]!.toUpperCase()}.`).join(" ");
}

const publicContext = (tenantId: string, timeZone = "America/Sao_Paulo"): Context => ({
  tenantId, tenantSlug: "", timeZone, user: null, roles: [], permissions: new Set(), requestId: randomUUID(), ip: null, userAgent: null,
});

const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;

export async function documentByVerificationCode(tx: Tx, code: string): Promise<{ documentId: string; prescriptionId: string | null; status: string; validUntil: string | null } | null> {
  const normalized = normalizeVerificationCode(code);
  if (!normalized) return null;
  const row = await tx.clinicalDocument.findFirst({
    where: { verificationCode: normalized }, select: { id: true, prescriptionId: true, status: true, validUntil: true },
  });
  return row ? { documentId: row.id, prescriptionId: row.prescriptionId, status: row.status, validUntil: day(row.validUntil) } : null;
}

async function dispensingOf(tx: Tx, prescriptionId: string | null): Promise<PublicVerification["dispensing"]> {
  if (!prescriptionId) return null;
  const items = await tx.prescriptionItem.findMany({
    where: { prescriptionId }, orderBy: { position: "asc" }, select: { position: true, quantity: true, dispensedQuantity: true },
  });
  const list = items.map((i) => ({ position: i.position, quantity: i.quantity, dispensed: i.dispensedQuantity }));
  const state = list.every((i) => i.dispensed === 0) ? "NONE" : list.every((i) => i.dispensed >= i.quantity) ? "FULL" : "PARTIAL";
  return { state, items: list };
}

export async function verifyDocumentCode(tenantId: string, code: string): Promise<PublicVerification | null> {
  const normalized = normalizeVerificationCode(code);
  if (!normalized) return null;
  const found = await withTenant(publicContext(tenantId), async (tx) => {
    const row = await tx.clinicalDocument.findFirst({
      where: { verificationCode: normalized },
      select: {
        id: true, kind: true, status: true, signedAt: true, validUntil: true, cancelledAt: true, prescriptionId: true, contentEnc: true,
        contentSha256: true, signature: true, pdfStorageKey: true, pdfSha256: true, pdfSizeBytes: true, pdfDataKeyEnc: true,
        patient: { select: { fullName: true, socialName: true } }, tenant: { select: { name: true, timeZone: true } },
      },
    });
    if (!row) return null;
    const ctx = publicContext(tenantId, row.tenant.timeZone);
    const text = openField(tenantId, contentColumn(row.id), row.contentEnc);
    const content = JSON.parse(text) as DocumentContent;
    const envelope = row.signature as unknown as SignatureEnvelope;
    const verifier = verifierFor(envelope);
    const check = verifier ? await verifier.verify(tx, ctx, envelope, new TextEncoder().encode(text)) : null;
    const envelopeValid = !!check?.valid && envelope.contentSha256 === row.contentSha256
      && content.documentId === row.id && content.verificationCode === normalized;
    if (!envelopeValid) console.warn("[documents] content envelope does not verify", { documentId: row.id, problems: check?.problems ?? ["unsupported_signer"] });
    return { row, content, envelopeValid, dispensing: await dispensingOf(tx, row.prescriptionId), timeZone: row.tenant.timeZone };
  });
  if (!found) return null;
  const { row, content } = found;
  const pdfValid = await storedPdfVerifies(tenantId, row);
  const validUntil = day(row.validUntil);
  const today = localDay(new Date(), found.timeZone);
  const state = row.status === "CANCELLED" ? "CANCELLED" : validUntil && validUntil < today ? "EXPIRED" : "VALID";
  return {
    state, kind: row.kind as DocumentKind,
    prescriptionKind: content.body.kind === "PRESCRIPTION" ? (content.body.prescriptionKind as PrescriptionKind) : null,
    issuedAt: row.signedAt.toISOString(), validUntil, cancelledAt: row.cancelledAt?.toISOString() ?? null,
    clinic: { name: row.tenant.name },
    doctor: { name: content.doctor.name, crm: content.doctor.crm, crmUf: content.doctor.crmUf, rqe: content.doctor.rqe },
    patientInitials: initialsOf(row.patient.socialName ?? row.patient.fullName),
    signatureValid: found.envelopeValid && pdfValid,
    dispensing: found.dispensing,
  };
}

/** The stored PDF opens, matches its hash and its embedded signature verifies against the clinic's anchors. */
async function storedPdfVerifies(tenantId: string, row: PdfRow): Promise<boolean> {
  try {
    const pdf = await readPdf(tenantId, row);
    const check = await withTenant(publicContext(tenantId), (tx) => verifyPdfSignature(tx, pdf));
    // Codes only: which check failed, for the operator; the page just says "não confere".
    if (!check.valid) console.warn("[documents] stored PDF signature does not verify", { documentId: row.id, problems: check.problems });
    return check.valid;
  } catch (error) {
    console.error("[documents] stored PDF failed verification", { documentId: row.id, reason: (error as Error).message });
    return false;
  }
}
