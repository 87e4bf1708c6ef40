import { z } from "zod";

export const patientListQuery = z.object({
  q: z.string().trim().max(100).optional().transform((v) => v || undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  pageSize: z.coerce.number().int().min(5).max(100).catch(20).default(20),
});
export type PatientListQuery = z.infer<typeof patientListQuery>;

export type PatientListItem = {
  id: string;
  fullName: string;
  socialName: string | null;
  cpf: string | null;
  birthDate: string | null;
  phone: string | null;
  insurance: string | null;
};

export type PatientPage = { rows: PatientListItem[]; total: number; page: number; pageSize: number };
