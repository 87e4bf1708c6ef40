import { canonicalJson } from "@/lib/format/canonical-json";
import type { DocumentHeader } from "./header";
import type { DocumentBody, DocumentKind } from "./types";

// What a document's signature covers (the content envelope in clinical_documents.signature):
// canonical JSON (lib/format/canonical-json.ts) of everything printed, the header frozen as it
// was, the body as given, the verification code and the validity. The same bytes are sealed in
// content_enc, so the document can be re-verified and re-rendered from the row alone.

export const DOCUMENT_SCHEMA = "prontivus.clinical-document/1";

export type DocumentContent = {
  schema: typeof DOCUMENT_SCHEMA;
  tenantId: string;
  documentId: string;
  kind: DocumentKind;
  issuedAt: string;
  validUntil: string | null;
  verificationCode: string;
  medicalRecordId: string | null;
  prescriptionId: string | null;
  clinic: DocumentHeader["clinic"];
  doctor: DocumentHeader["doctor"];
  patient: DocumentHeader["patient"];
  body: DocumentBody;
};

export const contentText = (content: DocumentContent) => canonicalJson(content);
export const contentBytes = (content: DocumentContent) => new TextEncoder().encode(contentText(content));

/** The column the sealed content is bound to (AAD), per row. */
export const contentColumn = (documentId: string) => `clinical_documents.content:${documentId}`;
export const cancelReasonColumn = (documentId: string) => `clinical_documents.cancel_reason:${documentId}`;
