// The shapes of a clinical document, shared by the document pipeline (lib/documents), the
// prescribing domain (lib/prescriptions hands in a PrescriptionDocumentBody) and the UI (DTOs).
// Client-safe: no Prisma, no Node APIs.

export const DOCUMENT_KINDS = ["PRESCRIPTION", "MEDICAL_CERTIFICATE", "ATTENDANCE_DECLARATION", "EXAM_REQUEST", "REFERRAL"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
/** The kinds a doctor issues from the chart's Documents panel (prescriptions come from the editor). */
export const CHART_DOCUMENT_KINDS = ["MEDICAL_CERTIFICATE", "ATTENDANCE_DECLARATION", "EXAM_REQUEST", "REFERRAL"] as const;
export type ChartDocumentKind = (typeof CHART_DOCUMENT_KINDS)[number];
export type PrescriptionKind = "SIMPLE" | "SPECIAL_CONTROL" | "ANTIMICROBIAL";

export type PrescriptionDocumentBody = {
  kind: "PRESCRIPTION";
  prescriptionId: string;
  prescriptionKind: PrescriptionKind;
  items: {
    position: number; drugName: string; presentation: string | null;
    dose: string; doseUnit: string; route: string; frequency: string; duration: string | null;
    quantity: number; quantityUnit: string; quantityWords: string;
    instructions: string | null; continuousUse: boolean; freeText: boolean;
  }[];
  notes: string | null;
  validUntil: string | null; // yyyy-mm-dd
};

/** Atestado médico: days off from a date; the CID-10 only with the patient's consent (CFM 1.658/2002). */
export type CertificateBody = {
  kind: "MEDICAL_CERTIFICATE";
  startDate: string; // yyyy-mm-dd
  days: number;
  /** Printed only when `cid10Consent` is true; null otherwise. */
  cid10: { code: string; description: string } | null;
  /** The patient authorised the diagnosis on the certificate (recorded, signed and audited as a flag). */
  cid10Consent: boolean;
};

/** Declaração de comparecimento: the patient was here on a day between two times. */
export type AttendanceBody = {
  kind: "ATTENDANCE_DECLARATION";
  date: string; // yyyy-mm-dd
  arrivedAt: string; // HH:mm
  leftAt: string; // HH:mm
};

/** Pedido de exames: TUSS code (table 22) where the exam is in the curated list, free text otherwise. */
export type ExamRequestBody = {
  kind: "EXAM_REQUEST";
  exams: { tussCode: string | null; name: string }[];
  clinicalIndication: string | null;
};

/** Encaminhamento: to a specialty (optionally a named professional), why, and a clinical summary. */
export type ReferralBody = {
  kind: "REFERRAL";
  specialty: string;
  professional: string | null;
  reason: string;
  clinicalSummary: string;
};

export type DocumentBody = PrescriptionDocumentBody | CertificateBody | AttendanceBody | ExamRequestBody | ReferralBody;

export type DocumentStatus = "ISSUED" | "CANCELLED";

/** What the public verification page (/v/<code>) may say: nothing about the patient but initials. */
export type PublicVerification = {
  /** VALID: issued and in force; EXPIRED: past its validity; CANCELLED: cancelled by its author. */
  state: "VALID" | "CANCELLED" | "EXPIRED";
  kind: DocumentKind;
  prescriptionKind: PrescriptionKind | null;
  issuedAt: string;
  validUntil: string | null;
  cancelledAt: string | null;
  clinic: { name: string };
  doctor: { name: string; crm: string; crmUf: string; rqe: string | null };
  patientInitials: string;
  /** The stored PDF's embedded signature and the content envelope both verify. */
  signatureValid: boolean;
  /** Prescriptions only: how much of what was prescribed pharmacies have dispensed. */
  dispensing: { state: "NONE" | "PARTIAL" | "FULL"; items: { position: number; quantity: number; dispensed: number }[] } | null;
};

/** One document as the chart and GET /api/v1/documents/{id} show it. */
export type DocumentDto = {
  id: string;
  kind: DocumentKind;
  status: DocumentStatus;
  patientId: string;
  doctor: { id: string; name: string };
  medicalRecordId: string | null;
  prescriptionId: string | null;
  issuedAt: string;
  validUntil: string | null;
  verificationCode: string;
  verificationUrl: string;
  pdfUrl: string;
  cancelledAt: string | null;
};

export type DocumentDetailDto = DocumentDto & { body: DocumentBody; cancelReason: string | null };

export const documentPdfUrl = (id: string) => `/api/v1/documents/${id}/pdf`;
