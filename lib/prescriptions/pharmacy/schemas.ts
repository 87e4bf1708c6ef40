import { z } from "zod";
import { isUf, isValidCnpj, normalizeCnpj } from "@/lib/br/documents";
import { isoInstant } from "@/lib/validation/dates";
import { text } from "@/lib/validation/text";
import { prescriptionsMessage as msg } from "../errors";
import { MAX_ITEMS } from "../schemas";
import { MAX_QUANTITY } from "../rules/units";

// The pharmacy side: the credential a clinic issues, and the dispensing a pharmacy records.

export const cnpjSchema = text({ error: msg("cnpjInvalid") }).transform(normalizeCnpj).refine(isValidCnpj, msg("cnpjInvalid"));

export const issueCredentialSchema = z.object({
  pharmacyName: text({ error: msg("pharmacyNameRequired") }).trim().min(2, msg("pharmacyNameRequired")).max(200, msg("tooLong", { max: 200 })),
  cnpj: cnpjSchema,
}).strict();
export type IssueCredentialInput = z.input<typeof issueCredentialSchema>;

/** "12345/SP" (CRF number and UF); "CRF-SP 12345" and "12345-SP" are read the same. */
const crfSchema = text({ error: msg("crfInvalid") }).trim().toUpperCase().transform((v, ctx) => {
  const m = /^(?:CRF[\s-]*([A-Z]{2})[\s-]*(\d{1,8})|(\d{1,8})\s*[/-]\s*([A-Z]{2}))$/.exec(v);
  const number = m?.[2] ?? m?.[3];
  const uf = m?.[1] ?? m?.[4];
  if (!number || !uf || !isUf(uf)) { ctx.addIssue({ code: "custom", message: msg("crfInvalid") }); return z.NEVER; }
  return `${number}/${uf}`;
});

export const dispenseSchema = z.object({
  /** The short code printed under the QR code: proof that the pharmacy holds the prescription. */
  verificationCode: text({ error: msg("verificationCodeRequired") }).trim().min(4, msg("verificationCodeRequired")).max(20, msg("verificationCodeRequired")),
  pharmacyCnpj: cnpjSchema,
  pharmacyName: text({ error: msg("pharmacyNameRequired") }).trim().min(2, msg("pharmacyNameRequired")).max(200, msg("tooLong", { max: 200 })),
  pharmacistName: text({ error: msg("pharmacistNameRequired") }).trim().min(2, msg("pharmacistNameRequired")).max(200, msg("tooLong", { max: 200 })),
  pharmacistCrf: crfSchema,
  dispensedAt: isoInstant(),
  items: z.array(z.object({
    itemId: z.uuid(msg("invalidId")),
    quantity: z.number({ error: msg("quantityInvalid", { max: MAX_QUANTITY }) }).int(msg("quantityInvalid", { max: MAX_QUANTITY }))
      .min(1, msg("quantityInvalid", { max: MAX_QUANTITY })).max(MAX_QUANTITY, msg("quantityInvalid", { max: MAX_QUANTITY })),
  }).strict(), { error: msg("dispenseItemsRequired") }).min(1, msg("dispenseItemsRequired")).max(MAX_ITEMS, msg("tooManyItems", { max: MAX_ITEMS }))
    .refine((list) => new Set(list.map((i) => i.itemId)).size === list.length, msg("duplicateItem")),
}).strict();
export type DispenseInput = z.input<typeof dispenseSchema>;

export type PharmacyCredentialView = {
  id: string; pharmacyName: string; cnpj: string; tokenPrefix: string;
  createdAt: string; lastUsedAt: string | null; revokedAt: string | null;
};

export type DispenseResult = {
  dispensingId: string;
  prescriptionId: string;
  dispensedAt: string;
  items: { itemId: string; dispensed: number; dispensedTotal: number; quantity: number; remaining: number }[];
  fullyDispensed: boolean;
};
