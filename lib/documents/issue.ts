import { randomUUID } from "node:crypto";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { sealField } from "@/lib/crypto/config";
import type { Tx } from "@/lib/db/client";
import { requireClinicalAccess } from "@/lib/ehr/access";
import { signerFor } from "@/lib/ehr/signing/signer-for";
import { forbidden, notFound } from "@/lib/errors";
import { contentBytes, contentColumn, DOCUMENT_SCHEMA, type DocumentContent } from "./canonical";
import { formatVerificationCode, newVerificationCode, verificationUrl } from "./code";
import { DocumentError } from "./errors";
import { documentHeader, localDay } from "./header";
import { documentLayout } from "./kinds/layout";
import { prescriptionValidUntil } from "./kinds/prescription";
import { pdfText } from "./messages";
import { renderDocument } from "./pdf/render";
import { signPdf } from "./signature/pdf-sign";
import { storePdf } from "./storage";
import type { DocumentBody } from "./types";

// The one pipeline every clinical document goes through, inside the caller's transaction:
// header gathered from the rows (doctor, clinic, patient) → canonical content signed by the EHR
// Signer (the envelope in clinical_documents.signature) → PDF rendered and signed in its own
// right (CMS in /Contents, the signature value again from the Signer) → sealed and stored →
// the row. Audit last: with `audit` the entries are handed back to the caller; without it they
// are written before returning.

export type IssueInput = {
  patientId: string;
  medicalRecordId: string | null;
  body: DocumentBody;
  audit?: AuditEntry[];
  /** Storage keys written, for a caller whose transaction may still fail to delete (removeStoredPdf). */
  stored?: string[];
};

export type IssuedDocument = { documentId: string; verificationCode: string; verificationUrl: string };

/** Prescriptions need prescriptions:sign; every other document is a signed clinical act (records:sign). */
export function mayIssue(ctx: Pick<Context, "permissions" | "user">, kind: DocumentBody["kind"]): boolean {
  return ctx.user !== null && can(ctx, kind === "PRESCRIPTION" ? "prescriptions:sign" : "records:sign");
}

export async function issueDocument(tx: Tx, ctx: Context, input: IssueInput): Promise<IssuedDocument> {
  const { body } = input;
  if (!mayIssue(ctx, body.kind)) throw forbidden();
  await requireClinicalAccess(tx, ctx, input.patientId);
  if (input.medicalRecordId) {
    const record = await tx.medicalRecord.findFirst({ where: { id: input.medicalRecordId, patientId: input.patientId }, select: { id: true } });
    if (!record) throw notFound("Registro do prontuário");
  }
  const { header, branding } = await documentHeader(tx, ctx, input.patientId);
  const special = body.kind === "PRESCRIPTION" && body.prescriptionKind === "SPECIAL_CONTROL";
  if (special && !header.patient.cpf) throw new DocumentError("patientCpfRequired");
  if (special && !header.patient.address) throw new DocumentError("patientAddressRequired");
  // Printed (and signed) only where the document requires it.
  if (!special) header.patient.address = null;

  const issuedAt = new Date();
  const validUntil = body.kind === "PRESCRIPTION" ? prescriptionValidUntil(body, localDay(issuedAt, ctx.timeZone)) : null;
  const documentId = randomUUID();
  const code = newVerificationCode();
  const url = verificationUrl(ctx.tenantSlug, code);
  const prescriptionId = body.kind === "PRESCRIPTION" ? body.prescriptionId : null;
  const content: DocumentContent = {
    schema: DOCUMENT_SCHEMA, tenantId: ctx.tenantId, documentId, kind: body.kind, issuedAt: issuedAt.toISOString(), validUntil,
    verificationCode: code, medicalRecordId: input.medicalRecordId, prescriptionId,
    clinic: header.clinic, doctor: header.doctor, patient: header.patient, body,
  };
  const bytes = contentBytes(content);
  const audit: AuditEntry[] = [];
  const signer = signerFor(ctx);
  const request = { signerUserId: ctx.user!.id, documentId, audit };
  const envelope = await signer.sign(tx, ctx, { ...request, content: bytes, documentType: "clinical_document" });

  const layout = documentLayout(body, header, validUntil);
  const doc = await renderDocument({
    ...layout, header, branding, issuedAt, timeZone: ctx.timeZone, verificationCode: formatVerificationCode(code), verificationUrl: url,
  });
  const pdf = await signPdf(doc, {
    name: header.doctor.name, location: [header.clinic.city, header.clinic.uf].filter(Boolean).join("/") || header.clinic.name,
    // The PDF is signed after the content, by a certificate that may have been issued just now
    // (first use): its /M is the envelope's time, never before the certificate's notBefore.
    reason: pdfText("signatureReason"), contactInfo: header.clinic.phone ?? "", signingTime: new Date(envelope.signedAt),
  }, {
    certificatePem: envelope.certificatePem,
    chainPem: envelope.chainPem,
    sign: async (attributes) => {
      const cms = await signer.sign(tx, ctx, { ...request, content: attributes, documentType: "clinical_document_pdf" });
      if (cms.certificatePem !== envelope.certificatePem) throw new Error("the signer changed certificates within one document");
      return Buffer.from(cms.signature, "base64");
    },
  });

  const stored = await storePdf(ctx.tenantId, documentId, pdf);
  input.stored?.push(stored.storageKey);
  await tx.clinicalDocument.create({
    data: {
      id: documentId, kind: body.kind, patientId: input.patientId, doctorId: ctx.user!.id, medicalRecordId: input.medicalRecordId, prescriptionId,
      contentEnc: sealField(ctx.tenantId, contentColumn(documentId), new TextDecoder().decode(bytes)), contentSha256: envelope.contentSha256,
      signature: envelope as unknown as object, signedAt: issuedAt, verificationCode: code,
      validUntil: validUntil ? new Date(`${validUntil}T00:00:00Z`) : null,
      pdfStorageKey: stored.storageKey, pdfSha256: stored.sha256, pdfSizeBytes: stored.sizeBytes,
      pdfDataKeyEnc: stored.dataKeyEnc, pdfEncryptionKeyId: stored.encryptionKeyId,
    },
    select: { id: true },
  });
  audit.push({
    action: "clinical_document.issued", entityType: "clinical_document", entityId: documentId,
    metadata: {
      kind: body.kind, patientId: input.patientId, medicalRecordId: input.medicalRecordId, prescriptionId,
      ...(body.kind === "PRESCRIPTION" ? { prescriptionKind: body.prescriptionKind } : {}),
      // CFM 1.658/2002: that the diagnosis was printed with consent, as a flag (never the code).
      ...(body.kind === "MEDICAL_CERTIFICATE" ? { cid10Consent: body.cid10Consent, cid10Printed: body.cid10 !== null } : {}),
      contentSha256: envelope.contentSha256, pdfSha256: stored.sha256, signerKind: envelope.signerKind, validUntil,
    },
  });
  if (input.audit) input.audit.push(...audit);
  else for (const entry of audit) await recordAudit(tx, ctx, entry);
  return { documentId, verificationCode: code, verificationUrl: url };
}
