import { z } from "zod";
import { text } from "@/lib/validation/text";
import { prescriptionsMessage as msg } from "./errors";
import type { KindDecision, PrescriptionKindName } from "./rules/kinds";
import { MAX_QUANTITY, QUANTITY_UNIT_KEYS } from "./rules/units";

// Shapes of a prescription as the chart's editor, the server actions and the API send it, and
// the views they get back. The only file of lib/prescriptions (with errors.ts and rules/) that
// client code may import.

export const MAX_ITEMS = 20;
const NOTES_MAX = 2000;
const INSTRUCTIONS_MAX = 2000;
const REASON_MAX = 1000;

const uuid = z.uuid(msg("invalidId"));
const capped = (max: number) => text().trim().max(max, msg("tooLong", { max }));
const required = (max: number, key: Parameters<typeof msg>[0]) => text({ error: msg(key) }).trim().min(1, msg(key)).max(max, msg("tooLong", { max }));
const optionalText = (max: number) => capped(max).nullish().transform((v) => (v ? v : null));

export const medicationRefSchema = z.object({
  source: z.enum(["catalogue", "clinic"], { error: msg("medicationNotFound") }),
  id: uuid,
}).strict();
export type MedicationRef = z.infer<typeof medicationRefSchema>;

export const itemInputSchema = z.object({
  /** A catalogue or clinic item; null for free text (printed as written, flagged as such). */
  medication: medicationRefSchema.nullish().transform((v) => v ?? null),
  /** Free text: the drug as it must be printed. Catalogue items take the catalogue's name. */
  drugName: capped(300).default(""),
  activeIngredient: optionalText(300),
  presentation: optionalText(200),
  dose: required(60, "doseRequired"),
  doseUnit: required(40, "doseUnitRequired"),
  route: required(60, "routeRequired"),
  frequency: required(100, "frequencyRequired"),
  duration: optionalText(100),
  durationDays: z.number({ error: msg("durationDaysInvalid") }).int(msg("durationDaysInvalid")).min(1, msg("durationDaysInvalid"))
    .max(3650, msg("durationDaysInvalid")).nullish().transform((v) => v ?? null),
  quantity: z.number({ error: msg("quantityInvalid", { max: MAX_QUANTITY }) }).int(msg("quantityInvalid", { max: MAX_QUANTITY }))
    .min(1, msg("quantityInvalid", { max: MAX_QUANTITY })).max(MAX_QUANTITY, msg("quantityInvalid", { max: MAX_QUANTITY })),
  quantityUnit: z.enum(QUANTITY_UNIT_KEYS, { error: msg("unitInvalid") }),
  /** For the patient; sealed at rest. */
  instructions: optionalText(INSTRUCTIONS_MAX),
  continuousUse: z.boolean().default(false),
}).strict().refine((v) => v.medication !== null || v.drugName.length > 0, { path: ["drugName"], message: msg("drugNameRequired") });
export type ItemInput = z.input<typeof itemInputSchema>;
export type ItemData = z.output<typeof itemInputSchema>;

const items = z.array(itemInputSchema, { error: msg("noItems") }).max(MAX_ITEMS, msg("tooManyItems", { max: MAX_ITEMS }));
const version = z.number({ error: msg("versionRequired") }).int().min(1);

export const createPrescriptionSchema = z.object({
  medicalRecordId: uuid,
  items: items.default([]),
  notes: optionalText(NOTES_MAX),
}).strict();
export type CreatePrescriptionInput = z.input<typeof createPrescriptionSchema>;

export const updatePrescriptionSchema = z.object({
  version,
  items,
  notes: optionalText(NOTES_MAX),
}).strict();
export type UpdatePrescriptionInput = z.input<typeof updatePrescriptionSchema>;

export const overrideInputSchema = z.object({
  findingKey: text().trim().min(1, msg("findingsChanged")).max(200, msg("findingsChanged")),
  reason: required(REASON_MAX, "overrideReasonRequired"),
}).strict();

export const signPrescriptionSchema = z.object({
  version,
  overrides: z.array(overrideInputSchema).max(100).default([])
    .refine((list) => new Set(list.map((o) => o.findingKey)).size === list.length, msg("duplicateOverride")),
}).strict();
export type SignPrescriptionInput = z.input<typeof signPrescriptionSchema>;

export const cancelPrescriptionSchema = z.object({ reason: required(REASON_MAX, "cancelReasonRequired") }).strict();
export const renewPrescriptionSchema = z.object({ medicalRecordId: uuid }).strict();

export const listPrescriptionsSchema = z.object({
  patientId: uuid.optional(),
  medicalRecordId: uuid.optional(),
}).strict().refine((v) => v.patientId || v.medicalRecordId, { path: ["patientId"], message: msg("listFilterRequired") });

/** What the editor sends for live alerts: items as far as they are typed. */
export const safetyPreviewSchema = z.object({
  patientId: uuid,
  excludePrescriptionId: uuid.nullish(),
  items: z.array(z.object({
    medication: medicationRefSchema.nullish().transform((v) => v ?? null),
    drugName: capped(300).default(""),
    activeIngredient: optionalText(300),
    route: capped(60).default(""),
    continuousUse: z.boolean().default(false),
  })).max(MAX_ITEMS, msg("tooManyItems", { max: MAX_ITEMS })),
});
export type SafetyPreviewInput = z.input<typeof safetyPreviewSchema>;

// ─── views ───

export type PrescriptionStatusName = "DRAFT" | "SIGNED" | "CANCELLED";

export type PrescriptionItemView = {
  id: string;
  position: number;
  medication: MedicationRef | null;
  freeText: boolean;
  drugName: string;
  activeIngredient: string | null;
  presentation: string | null;
  dose: string;
  doseUnit: string;
  route: string;
  frequency: string;
  duration: string | null;
  durationDays: number | null;
  quantity: number;
  /** As printed ("caixas") and as the editor selects it ("caixa"). */
  quantityUnit: string;
  quantityUnitKey: string | null;
  quantityWords: string;
  dispensedQuantity: number;
  instructions: string | null;
  continuousUse: boolean;
};

export type PrescriptionView = {
  id: string;
  status: PrescriptionStatusName;
  kind: PrescriptionKindName;
  version: number;
  patient: { id: string; name: string };
  doctor: { id: string; name: string };
  medicalRecordId: string | null;
  renewedFromId: string | null;
  notes: string | null;
  items: PrescriptionItemView[];
  createdAt: string;
  updatedAt: string;
  signedAt: string | null;
  validUntil: string | null;
  contentHash: string | null;
  cancelledAt: string | null;
  document: { id: string; verificationCode: string; status: string } | null;
  /** Findings the prescriber overrode when signing; the reasons only for the author. */
  overrides: { findingKey: string; severity: string; reason: string | null; createdAt: string }[];
  dispensings: {
    id: string; pharmacyName: string; pharmacyCnpj: string; pharmacistName: string; pharmacistCrf: string; dispensedAt: string;
    items: { itemId: string; quantity: number }[];
  }[];
};

export type PrescriptionSummary = Pick<PrescriptionView, "id" | "status" | "kind" | "version" | "medicalRecordId" | "renewedFromId" | "createdAt" | "signedAt" | "validUntil" | "cancelledAt"> & {
  patientId: string;
  doctor: { id: string; name: string };
  items: { position: number; drugName: string; continuousUse: boolean; quantity: number; dispensedQuantity: number }[];
};

/** The kind the items force, for the editor's explanation (codes are prescriptions.kindReasons keys). */
export type KindPreview = Pick<KindDecision, "kind" | "validityDays" | "reasons" | "refusals">;
