import { formatCpf } from "@/lib/br/documents";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { lookupHash, openField } from "@/lib/crypto/config";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { forbidden } from "@/lib/errors";
import { formatCalendarDate } from "@/lib/format/date";
import { Prisma } from "@/lib/generated/prisma/client";
import { LIST_CAP, NAME_SEARCH_CAP, patientListQuery, type PatientListItem, type PatientPage } from "./schemas";
import { classifySearch, escapeLike, type SearchIntent } from "./search-query";
import { parseInput } from "@/lib/users/parse";

// Patient search for the staff list and /api/v1/patients. Two steps in one transaction: find
// the ids of at most CAP matches in rank order (cheap: index-only or a small bitmap), then read
// the one page shown. Counting stops at the cap, so a name shared by 10% of a million patients
// costs what a rare one does. Figures and plans: docs/patient-search.md.
//
// Names go through patient_name_search() (migration patient_registry_search), which runs the
// LIKE conditions where the trigram index can serve them: under row-level security it could
// not. Its tiers: the whole name starts with the query, then every word starts a word, then
// (one word of 3+ letters) the word appears inside the name; alphabetical within a tier. It
// picks per tier between walking the name index and a trigram bitmap (migration
// patient_search_tier_plans): the planner alone cannot see where in the alphabet matches sit.

type IdRow = { id: string };
type Row = {
  id: string; full_name: string; social_name: string | null; cpf_enc: string | null; birth_date: Date | null;
  phone: string | null; insurance: string | null; incomplete: boolean; status: PatientListItem["status"];
};

function idsFor(tx: Tx, ctx: Context, intent: SearchIntent, status: string, cap: number): Promise<IdRow[]> {
  const base = Prisma.sql`p.tenant_id = ${ctx.tenantId}::uuid AND p.status = ${status}::"PatientStatus"`;
  // Every filter here is an equality or range on a leakproof operator, so RLS keeps its index.
  const ordered = (filter: Prisma.Sql) => tx.$queryRaw<IdRow[]>`
    SELECT p.id FROM patients p WHERE ${base} AND ${filter}
     ORDER BY p.search_name USING ~<~, p.id LIMIT ${cap}`;
  switch (intent.kind) {
    case "all":
      return ordered(Prisma.sql`true`);
    case "cpf":
      return ordered(Prisma.sql`(p.cpf_hash = ${lookupHash(ctx.tenantId, "cpf", intent.cpf)}
        OR p.phone = ANY(${intent.phones}::text[]))`);
    case "phone":
      return ordered(Prisma.sql`p.phone = ANY(${intent.phones}::text[])`);
    case "birthDate":
      return ordered(Prisma.sql`p.birth_date = ${intent.date}::date`);
    case "digits":
      return Promise.resolve([]);
    case "name":
      return tx.$queryRaw<IdRow[]>`
        SELECT s.patient_id AS id
          FROM patient_name_search(${status}::"PatientStatus", ${escapeLike(intent.query)},
                                   ${intent.terms.map(escapeLike)}::text[], ${cap}::int) WITH ORDINALITY AS s(tier, patient_id, ord)
         ORDER BY s.ord`;
  }
}

/**
 * Searches one clinic's patients. `input`: { q?, status?: "ACTIVE" | "ARCHIVED", page?, pageSize? }
 * (see patientListQuery). Returns the page, the match count up to a cap (`capped` = more than
 * that) and how `q` was read (`kind`). Needs patients:read.
 */
export async function searchPatients(ctx: Context, input: unknown): Promise<PatientPage> {
  if (!can(ctx, "patients:read")) throw forbidden();
  const { q, status, page, pageSize } = parseInput(patientListQuery, input ?? {});
  const intent = classifySearch(q);
  const cap = intent.kind === "all" ? LIST_CAP : NAME_SEARCH_CAP;
  const { ids, rows } = await withTenant(ctx, async (tx) => {
    // One more than the cap tells "exactly cap" from "more than cap".
    const ids = (await idsFor(tx, ctx, intent, status, cap + 1)).map((r) => r.id);
    const pageIds = ids.slice(0, cap).slice((page - 1) * pageSize, page * pageSize);
    if (pageIds.length === 0) return { ids, rows: [] as Row[] };
    const rows = await tx.$queryRaw<Row[]>`
      SELECT p.id, p.full_name, p.social_name, p.cpf_enc, p.birth_date, p.phone, ip.name AS insurance,
             p.incomplete, p.status::text AS status
        FROM patients p
        LEFT JOIN insurance_providers ip ON ip.tenant_id = p.tenant_id AND ip.id = p.insurance_provider_id
       WHERE p.tenant_id = ${ctx.tenantId}::uuid AND p.id = ANY(${pageIds}::uuid[])`;
    return { ids, rows };
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = ids.slice(0, cap).slice((page - 1) * pageSize, page * pageSize).flatMap((id) => byId.get(id) ?? []);
  return {
    rows: ordered.map((r) => toItem(ctx, r)),
    total: Math.min(ids.length, cap),
    capped: ids.length > cap,
    page,
    pageSize,
    kind: intent.kind,
  };
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
    incomplete: r.incomplete,
    status: r.status,
  };
}
