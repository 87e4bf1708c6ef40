import { z } from "zod";
import { text } from "@/lib/validation/text";
import { isValidCpf, normalizeCpf } from "@/lib/br/documents";
import { AppError } from "@/lib/errors";
import { formatDateInput, normalizePhone, parseDateInput } from "@/lib/patients/br-input";
import { searchPatients } from "@/lib/patients/queries";
import { PATIENT_LIST_STATUSES, type PatientPage } from "@/lib/patients/schemas";
import type { Context } from "@/lib/context";
import { fieldErrorsOf } from "./http";
import { decodeCursor, encodeCursor, scopeOf } from "./pagination";

// GET /api/v1/patients' query: the explicit filters an API client sends (q, cpf, phone,
// birthDate, status) mapped onto lib/patients' one search box, which reads a CPF, a phone or a
// dd/mm/aaaa date out of `q` itself. Only the shape is checked here; what matches is the
// domain's. lib/patients pages by page number inside a capped result (see NAME_SEARCH_CAP), so
// the signed cursor carries the next page number, bound to the filters it was issued for.

export const PATIENT_API_MAX_LIMIT = 100;

const filters = z.object({
  q: text().trim().min(1).max(100).optional(),
  cpf: text().trim().optional()
    .refine((v) => v === undefined || isValidCpf(v), "CPF inválido: confira os 11 dígitos.")
    .transform((v) => (v === undefined ? undefined : normalizeCpf(v))),
  phone: text().trim().optional()
    .refine((v) => v === undefined || normalizePhone(v) !== null, "Telefone inválido: informe DDD e número.")
    .transform((v) => (v === undefined ? undefined : normalizePhone(v)!)),
  birthDate: text().trim().optional()
    .refine((v) => v === undefined || parseDateInput(v) !== null, "Data inválida: use aaaa-mm-dd.")
    .transform((v) => (v === undefined ? undefined : formatDateInput(parseDateInput(v)))),
  status: z.enum(PATIENT_LIST_STATUSES, "Situação inválida: ACTIVE ou ARCHIVED.").default("ACTIVE"),
  // The domain's page size is 5–100.
  limit: z.coerce.number("Informe um número.").int().min(5).max(PATIENT_API_MAX_LIMIT).default(50),
}).refine((f) => [f.q, f.cpf, f.phone, f.birthDate].filter(Boolean).length <= 1, {
  path: ["q"], message: "Use um só critério de busca: q, cpf, phone ou birthDate.",
});

export type PatientApiPage = { data: PatientPage["rows"]; nextCursor: string | null; total: number; capped: boolean };

export async function searchPatientsForApi(
  ctx: Context, query: Record<string, string>, cursor: string | null,
): Promise<PatientApiPage> {
  const parsed = filters.safeParse(query);
  if (!parsed.success) throw new AppError("validation", "Revise os filtros da busca.", fieldErrorsOf(parsed.error));
  const f = parsed.data;
  const scope = scopeOf("/api/v1/patients", { ...query, limit: String(f.limit) });
  const page = cursor ? Number(decodeCursor(cursor, scope, 1)[0]) : 1;
  const q = f.q ?? f.cpf ?? f.phone ?? f.birthDate;
  const result = await searchPatients(ctx, { q, status: f.status, page, pageSize: f.limit });
  const more = page * f.limit < result.total;
  return { data: result.rows, nextCursor: more ? encodeCursor([page + 1], scope) : null, total: result.total, capped: result.capped };
}
