import { z } from "zod";
import { isoDay } from "@/lib/validation/dates";
import { text } from "@/lib/validation/text";
import { tussExam } from "./kinds/tuss";
import { documentsMessage as m } from "./messages";

// Inputs of the documents a doctor issues from the chart (and POST /api/v1/medical-records/{id}/
// documents), and of a cancellation. The only file of lib/documents client code may import,
// with types.ts and kinds/tuss.ts.

export const CERTIFICATE_MAX_DAYS = 365;
export const MAX_EXAMS = 30;

const required = (max: number) => text().trim().min(1, m("textRequired")).max(max, m("tooLong", { max }));
const optional = (max: number) => text().trim().max(max, m("tooLong", { max })).nullish().transform((v) => v || null);
const day = isoDay(m("dateInvalid"));
const time = text().regex(/^([01]\d|2[0-3]):[0-5]\d$/, m("timeInvalid"));
const cid10 = text().trim().toUpperCase().nullish().transform((v) => v || null)
  .refine((v) => v === null || /^[A-Z]\d{2}(\.?\d)?$/.test(v), m("cid10Invalid"))
  .transform((c) => (c && c.length === 4 && !c.includes(".") ? `${c.slice(0, 3)}.${c.slice(3)}` : c));

export const certificateInputSchema = z.object({
  kind: z.literal("MEDICAL_CERTIFICATE"),
  startDate: day,
  days: z.number({ error: m("daysInvalid", { max: CERTIFICATE_MAX_DAYS }) }).int(m("daysInvalid", { max: CERTIFICATE_MAX_DAYS }))
    .min(1, m("daysInvalid", { max: CERTIFICATE_MAX_DAYS })).max(CERTIFICATE_MAX_DAYS, m("daysInvalid", { max: CERTIFICATE_MAX_DAYS })),
  cid10,
  cid10Consent: z.boolean().default(false),
}).strict().superRefine((v, ctx) => {
  // CFM 1.658/2002 art. 5º: the diagnosis only with the patient's express authorisation.
  if (v.cid10 && !v.cid10Consent) ctx.addIssue({ code: "custom", path: ["cid10Consent"], message: m("cid10ConsentRequired") });
});

export const attendanceInputSchema = z.object({
  kind: z.literal("ATTENDANCE_DECLARATION"),
  date: day,
  arrivedAt: time,
  leftAt: time,
}).strict().refine((v) => v.leftAt > v.arrivedAt, { path: ["leftAt"], message: m("leftBeforeArrival") });

const examSchema = z.object({
  tussCode: text().trim().nullish().transform((v) => v || null),
  name: optional(200),
}).strict().superRefine((v, ctx) => {
  if (v.tussCode && !tussExam(v.tussCode)) ctx.addIssue({ code: "custom", path: ["tussCode"], message: m("tussUnknown", { code: v.tussCode.slice(0, 20) }) });
  if (!v.tussCode && !v.name) ctx.addIssue({ code: "custom", path: ["name"], message: m("examNameRequired") });
});

export const examRequestInputSchema = z.object({
  kind: z.literal("EXAM_REQUEST"),
  exams: z.array(examSchema, { error: m("examsRequired") }).min(1, m("examsRequired")).max(MAX_EXAMS, m("tooManyExams", { max: MAX_EXAMS })),
  clinicalIndication: optional(2000),
}).strict();

export const referralInputSchema = z.object({
  kind: z.literal("REFERRAL"),
  specialty: required(120),
  professional: optional(200),
  reason: required(2000),
  clinicalSummary: required(8000),
}).strict();

export const issueDocumentSchema = z.discriminatedUnion("kind", [
  certificateInputSchema, attendanceInputSchema, examRequestInputSchema, referralInputSchema,
], { error: m("kindInvalid") });
export type IssueDocumentInput = z.input<typeof issueDocumentSchema>;
export type IssueDocumentData = z.output<typeof issueDocumentSchema>;

export const cancelDocumentSchema = z.object({ reason: text().trim().min(1, m("reasonRequired")).max(500, m("tooLong", { max: 500 })) });

export const documentIdSchema = z.uuid(m("invalidId"));
