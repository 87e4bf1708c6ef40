import { z } from "zod";
import { text } from "@/lib/validation/text";
import { recordsMessage } from "./messages";

// Shapes of the encounter note, shared by the chart editor (client), the server actions and the
// API. The only file of lib/ehr/records client code may import.

/** SOAP sections of CFM 1.638/2002's record, in the order the chart shows them. */
export const SECTION_KEYS = [
  "chiefComplaint", "historyOfPresentIllness", "pastAndFamilyHistory", "habits", "examination", "assessment", "plan",
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export const RECORD_STATUSES = ["DRAFT", "PENDING_REVIEW", "RETURNED", "APPROVED", "SIGNED"] as const;
export type RecordStatusName = (typeof RECORD_STATUSES)[number];

// A long note is a few thousand characters; 20,000 per section leaves room without letting one
// request carry megabytes.
export const SECTION_MAX = 20_000;

const sectionText = text().max(SECTION_MAX, recordsMessage("tooLong", { max: SECTION_MAX }));

export const sectionsSchema = z.object(
  Object.fromEntries(SECTION_KEYS.map((k) => [k, sectionText.optional()])) as Record<SectionKey, z.ZodOptional<typeof sectionText>>,
).strict();
export type Sections = Partial<Record<SectionKey, string>>;

const cid10Code = text().trim().toUpperCase().regex(/^[A-Z]\d{2}(\.?\d)?$/, recordsMessage("cid10Invalid"))
  .transform((c) => (c.length === 4 && !c.includes(".") ? `${c.slice(0, 3)}.${c.slice(3)}` : c));

export const diagnosisInputSchema = z.object({
  code: cid10Code,
  isMain: z.boolean().default(false),
  certainty: z.enum(["SUSPECTED", "CONFIRMED"]).default("CONFIRMED"),
});
export type DiagnosisInput = z.input<typeof diagnosisInputSchema>;

export const diagnosesSchema = z.array(diagnosisInputSchema).max(20, recordsMessage("tooManyDiagnoses"))
  .refine((list) => list.filter((d) => d.isMain).length <= 1, recordsMessage("oneMainDiagnosis"))
  .refine((list) => new Set(list.map((d) => d.code)).size === list.length, recordsMessage("duplicateCode"));

const version = z.number({ error: recordsMessage("versionRequired") }).int().min(1);

export const saveDraftSchema = z.object({
  version,
  sections: sectionsSchema,
  diagnoses: diagnosesSchema.optional(),
});
export type SaveDraftInput = z.input<typeof saveDraftSchema>;

const uuid = z.uuid(recordsMessage("invalidId"));

export const createRecordSchema = z.object({
  patientId: uuid.optional(),
  appointmentId: uuid.optional(),
  templateId: uuid.optional(),
}).refine((v) => v.patientId || v.appointmentId, { message: "Informe o paciente ou a consulta.", path: ["patientId"] });
export type CreateRecordInput = z.input<typeof createRecordSchema>;

export const signSchema = z.object({
  version,
  /** Hex SHA-256 of the canonical content the doctor saw (from the chart or GET …/{id}). */
  contentHash: text().regex(/^[0-9a-f]{64}$/, recordsMessage("invalidHash")).optional(),
});

export const addendumSchema = z.object({
  text: text().trim().min(1, recordsMessage("addendumEmpty")).max(SECTION_MAX, recordsMessage("tooLong", { max: SECTION_MAX })),
});

export const reviewSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("submit"), version }),
  z.object({ action: z.literal("approve"), version }),
  z.object({ action: z.literal("return"), version, comment: text().trim().min(1, recordsMessage("reviewCommentRequired")).max(2000) }),
], { error: recordsMessage("reviewActionInvalid") });

export const listRecordsSchema = z.object({
  patientId: uuid.optional(),
  doctorId: uuid.optional(),
  status: z.enum(RECORD_STATUSES, { error: recordsMessage("statusInvalid") }).optional(),
  from: z.iso.datetime({ offset: true, error: recordsMessage("dateInvalid") }).optional(),
  to: z.iso.datetime({ offset: true, error: recordsMessage("dateInvalid") }).optional(),
}).strict();
export type ListRecordsFilters = z.input<typeof listRecordsSchema>;

export type DiagnosisView = { code: string; description: string; isMain: boolean; certainty: "SUSPECTED" | "CONFIRMED"; sexRestriction: "F" | "M" | null; isCategory: boolean };

export type RecordView = {
  id: string;
  type: string;
  status: RecordStatusName;
  version: number;
  /** sex: "F"/"M" for the picker's CID-10 sex-restriction warning; null when unknown. */
  patient: { id: string; name: string; sex?: "F" | "M" | null };
  doctor: { id: string; name: string };
  appointmentId: string | null;
  template: { id: string; name: string } | null;
  occurredAt: string;
  updatedAt: string;
  sections: Sections;
  diagnoses: DiagnosisView[];
  amendsId: string | null;
  /** SHA-256 of the canonical content now (what a sign request must name). */
  contentHash: string;
  signedAt: string | null;
  signedBy: string | null;
  needsReview: boolean;
  review: { reviewerId: string | null; reviewedAt: string | null; comment: string | null; submittedAt: string | null };
  addenda: { id: string; text: string; signedAt: string | null; doctorName: string }[];
};

export type RecordSummary = Pick<RecordView, "id" | "type" | "status" | "version" | "patient" | "doctor" | "appointmentId" | "occurredAt" | "updatedAt" | "amendsId" | "signedAt"> & {
  diagnoses: { code: string; isMain: boolean; certainty: "SUSPECTED" | "CONFIRMED" }[];
};
