import { z } from "zod";
import { isValidCns, isValidCpf, normalizeCns, normalizeCpf, UFS } from "@/lib/br/documents";
import { hasTwoDigitYear, normalizeCep, normalizePhone, parseTypedDate } from "./br-input";
import { rangeMessage, yearOutOfRange } from "@/lib/validation/dates";
import { validationMessage } from "@/lib/validation/messages";
import { text } from "@/lib/validation/text";
import { ALLERGY_CLASSES } from "@/lib/prescriptions/catalogue/classes";
import { catalogueMessage } from "@/lib/prescriptions/catalogue/messages";

// Inputs of the patient registry. Client-safe: the staff forms validate with these schemas and
// the domain functions (lib/patients/mutations.ts, allergies.ts, consents.ts) parse the same
// ones again, so the browser, the server action and /api/v1 all give the same field errors.
// Every field accepts what a form sends (strings, "" for empty) and what JSON sends (missing).

export const SEXES = ["FEMALE", "MALE", "INTERSEX", "UNKNOWN"] as const;
export const ALLERGY_SEVERITIES = ["MILD", "MODERATE", "SEVERE", "LIFE_THREATENING"] as const;
/** Why a patient has no CPF: a newborn not yet registered, or a foreigner (then a passport). */
export const DOCUMENT_EXCEPTIONS = ["newborn", "foreigner"] as const;
export const MAX_EMERGENCY_CONTACTS = 3;

export const MSG = {
  name: "Informe o nome completo.",
  cpfInvalid: "CPF inválido: confira os 11 dígitos.",
  cpfRequired: "Informe o CPF ou indique recém-nascido ou estrangeiro.",
  cpfTaken: "Já existe um paciente com este CPF nesta clínica.",
  cnsInvalid: "CNS inválido: confira os 15 dígitos.",
  cnsTaken: "Já existe um paciente com este CNS nesta clínica.",
  passportRequired: "Informe o passaporte do paciente estrangeiro.",
  date: "Data inválida (dd/mm/aaaa).",
  birthDateRequired: "Informe a data de nascimento.",
  phone: "Telefone inválido: informe DDD e número.",
  phoneRequired: "Informe um telefone com DDD.",
  email: "Informe um e-mail válido.",
  cep: "CEP inválido: são 8 dígitos.",
  uf: "UF inválida.",
  insurer: "Convênio inválido.",
  cardRequired: "Informe o número da carteirinha do convênio.",
  tooLong: "Texto muito longo.",
} as const;

const optionalText = (max: number) =>
  text().trim().max(max, MSG.tooLong).optional().transform((v) => v || null);

const optionalParsed = <T>(parse: (v: string) => T | null, message: string) =>
  text().trim().optional().transform((v, ctx) => {
    if (!v) return null;
    const parsed = parse(v);
    if (parsed === null) { ctx.addIssue({ code: "custom", message }); return z.NEVER; }
    return parsed;
  });

/**
 * dd/mm/aaaa as typed (digits alone too, parseTypedDate; or aaaa-mm-dd); a two-digit year and a
 * year outside 1900–2100 get their own message.
 */
const dateField = (message: string) =>
  text().trim().optional().transform((v, ctx) => {
    if (!v) return null;
    const d = parseTypedDate(v);
    if (d === null) {
      ctx.addIssue({ code: "custom", message: hasTwoDigitYear(v) ? validationMessage("twoDigitYear") : yearOutOfRange(v) ? rangeMessage() : message });
      return z.NEVER;
    }
    return d;
  });

const birthDate = dateField(MSG.date).refine((d) => d === null || d <= new Date(), validationMessage("futureBirthDate"));

export const fullNameField = text().trim().min(3, MSG.name).max(200, MSG.tooLong);
export const phoneField = optionalParsed(normalizePhone, MSG.phone);
const checked = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

export const emergencyContactSchema = z.object({
  name: text().trim().min(2, "Informe o nome do contato.").max(200, MSG.tooLong),
  relationship: text().trim().min(2, "Informe o parentesco.").max(60, MSG.tooLong),
  phone: text().trim().transform((v, ctx) => normalizePhone(v) ?? (ctx.addIssue({ code: "custom", message: MSG.phone }), z.NEVER)),
});

const registrationFields = z.object({
  fullName: fullNameField,
  socialName: optionalText(200),
  documentException: z.enum(DOCUMENT_EXCEPTIONS).or(z.literal("")).optional().transform((v) => v || null),
  cpf: optionalParsed((v) => (isValidCpf(v) ? normalizeCpf(v) : null), MSG.cpfInvalid),
  cns: optionalParsed((v) => (isValidCns(v) ? normalizeCns(v) : null), MSG.cnsInvalid),
  passport: text().trim().toUpperCase().max(20, MSG.tooLong).optional().transform((v) => v || null),
  birthDate,
  sex: z.enum(SEXES).catch("UNKNOWN").default("UNKNOWN"),
  email: text().trim().toLowerCase().optional()
    .transform((v) => v || null)
    .refine((v) => v === null || z.email().max(254).safeParse(v).success, MSG.email),
  phone: phoneField,
  cep: optionalParsed(normalizeCep, MSG.cep),
  street: optionalText(200),
  number: optionalText(20),
  complement: optionalText(100),
  district: optionalText(100),
  city: optionalText(100),
  uf: text().trim().toUpperCase().optional().transform((v) => v || null)
    .refine((v) => v === null || (UFS as readonly string[]).includes(v), MSG.uf),
  insuranceProviderId: text().trim().optional().transform((v) => v || null)
    .refine((v) => v === null || z.uuid().safeParse(v).success, MSG.insurer),
  insurancePlan: optionalText(120),
  insuranceCardNumber: optionalText(40),
  insuranceValidUntil: dateField(MSG.date),
  emergencyContacts: z.array(emergencyContactSchema).max(MAX_EMERGENCY_CONTACTS, "No máximo 3 contatos.").default([]),
});

type Registration = z.output<typeof registrationFields>;

/** Cross-field rules of a complete registration (CPF unless newborn/foreigner, and so on). */
function completeRegistration(v: Registration, ctx: z.RefinementCtx) {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (!v.documentException && !v.cpf) issue("cpf", MSG.cpfRequired);
  if (v.documentException === "foreigner" && !v.passport && !v.cpf) issue("passport", MSG.passportRequired);
  if (!v.birthDate) issue("birthDate", MSG.birthDateRequired);
  if (!v.phone) issue("phone", MSG.phoneRequired);
  if (v.insuranceProviderId && !v.insuranceCardNumber) issue("insuranceCardNumber", MSG.cardRequired);
}

export const communicationConsentSchema = z.object({
  email: checked.default(false),
  sms: checked.default(false),
  whatsapp: checked.default(false),
});
export type CommunicationConsentInput = z.input<typeof communicationConsentSchema>;
export type CommunicationConsents = z.output<typeof communicationConsentSchema>;

/** Edit of a registration (also completes a pre-registration). Consents are changed apart. */
export const patientUpdateSchema = registrationFields.superRefine(completeRegistration);
export type PatientUpdateInput = z.input<typeof patientUpdateSchema>;
export type PatientUpdateData = z.output<typeof patientUpdateSchema>;

/** A new, complete registration; communication consents may be given at the same desk. */
export const patientCreateSchema = registrationFields
  .extend({ communication: communicationConsentSchema.prefault({}) })
  .superRefine(completeRegistration);
export type PatientCreateInput = z.input<typeof patientCreateSchema>;
export type PatientCreateData = z.output<typeof patientCreateSchema>;

/** Quick pre-registration at the phone or the desk: name and phone, completed later. */
export const patientPreRegistrationSchema = z.object({
  fullName: fullNameField,
  phone: text().trim().transform((v, ctx) => normalizePhone(v) ?? (ctx.addIssue({ code: "custom", message: v ? MSG.phone : MSG.phoneRequired }), z.NEVER)),
});
export type PatientPreRegistrationInput = z.input<typeof patientPreRegistrationSchema>;

const allergyCodeMessage = catalogueMessage("allergyCode.invalid")!;
/** A form sends "" for "not coded"; JSON may leave the field out. */
const emptyToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

/**
 * An allergy: the substance as said (free text, always kept) and, optionally, what it is coded
 * to in the drug catalogue: one ingredient or one class (the safety check matches either, and the
 * words too: lib/prescriptions/safety).
 */
export const allergySchema = z.object({
  substance: text().trim().min(2, "Informe a substância.").max(200, MSG.tooLong),
  reaction: optionalText(400),
  severity: z.enum(ALLERGY_SEVERITIES, "Escolha a gravidade."),
  ingredientId: z.preprocess(emptyToNull, z.uuid(allergyCodeMessage).nullable()).optional(),
  drugClass: z.preprocess(emptyToNull, z.enum(ALLERGY_CLASSES as [string, ...string[]], allergyCodeMessage).nullable()).optional(),
}).refine((a) => !(a.ingredientId && a.drugClass), { message: allergyCodeMessage, path: ["ingredientId"] });
export type AllergyInput = z.input<typeof allergySchema>;

export const patientIdSchema = z.uuid("Paciente não encontrado.");
