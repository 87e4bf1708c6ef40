import { z } from "zod";
import { text } from "@/lib/validation/text";
import { isValidCnpj, normalizeCnpj } from "@/lib/br/documents";

// Input of a new insurer (convênio); client-safe, shared by the admin form and lib/patients/insurers.ts.

export const insurerSchema = z.object({
  name: text().trim().min(2, "Informe o nome do convênio.").max(120, "Nome muito longo."),
  ansCode: text().trim().optional().transform((v) => v || null)
    .refine((v) => v === null || /^\d{6}$/.test(v), "O registro ANS tem 6 dígitos."),
  cnpj: text().trim().optional().transform((v) => v || null)
    .refine((v) => v === null || isValidCnpj(v), "CNPJ inválido.").transform((v) => (v ? normalizeCnpj(v) : null)),
});
export type InsurerInput = z.input<typeof insurerSchema>;
