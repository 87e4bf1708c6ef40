import { formatCpf, isValidCpf, normalizeCpf } from "@/lib/br/documents";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { lookupHash, openField } from "@/lib/crypto/config";
import { withTenant } from "@/lib/db/tenant";
import { forbidden } from "@/lib/errors";
import { formatCalendarDate } from "@/lib/format/date";
import { Prisma } from "@/lib/generated/prisma/client";
import { patientListQuery, type PatientListItem, type PatientPage } from "./schemas";
import { toSearchName } from "./search-name";

type Row = {
  id: string;
  full_name: string;
  social_name: string | null;
  cpf_enc: string | null;
  birth_date: Date | null;
  phone: string | null;
  insurance: string | null;
  total: bigint;
};

// A query that is a valid CPF finds that patient by its blind index (CPF is encrypted); anything
// else is a name search: substring of the accent-free name, prefix matches ranked first. strpos
// and starts_with give `%`, `_` and quotes no special meaning, and every value is a parameter.
function filterFor(ctx: Context, q: string | undefined): Prisma.Sql {
  if (!q) return Prisma.empty;
  const digits = normalizeCpf(q);
  if (digits.length === 11 && isValidCpf(digits)) {
    return Prisma.sql`AND p.cpf_hash = ${lookupHash(ctx.tenantId, "cpf", digits)}`;
  }
  return Prisma.sql`AND strpos(p.search_name, ${toSearchName(q)}) > 0`;
}

export async function listPatients(ctx: Context, input: unknown): Promise<PatientPage> {
  if (!can(ctx, "patients:read")) throw forbidden();
  const { q, page, pageSize } = patientListQuery.parse(input ?? {});
  const term = q ? toSearchName(q) : "";
  const filter = filterFor(ctx, q);
  const { rows, total } = await withTenant(ctx, async (tx) => {
    const rows = await tx.$queryRaw<Row[]>`
    SELECT p.id, p.full_name, p.social_name, p.cpf_enc, p.birth_date, p.phone, ip.name AS insurance,
           count(*) OVER () AS total
      FROM patients p
      LEFT JOIN insurance_providers ip ON ip.tenant_id = p.tenant_id AND ip.id = p.insurance_provider_id
     WHERE p.tenant_id = ${ctx.tenantId}::uuid AND p.status = 'ACTIVE' ${filter}
     ORDER BY starts_with(p.search_name, ${term}) DESC, p.search_name, p.id
     LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
    if (rows[0] || page === 1) return { rows, total: Number(rows[0]?.total ?? 0) };
    // Past the last page the window count is absent: count on its own.
    const [count] = await tx.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM patients p WHERE p.tenant_id = ${ctx.tenantId}::uuid AND p.status = 'ACTIVE' ${filter}`;
    return { rows, total: Number(count?.n ?? 0) };
  });
  return { rows: rows.map((r) => toItem(ctx, r)), total, page, pageSize };
}

function toItem(ctx: Context, r: Row): PatientListItem {
  return {
    id: r.id,
    fullName: r.full_name,
    socialName: r.social_name,
    cpf: r.cpf_enc ? formatCpf(openField(ctx.tenantId, "patients.cpf", r.cpf_enc)) : null,
    birthDate: r.birth_date ? formatCalendarDate(r.birth_date) : null,
    phone: r.phone,
    insurance: r.insurance,
  };
}
