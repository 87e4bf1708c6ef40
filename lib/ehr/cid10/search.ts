import { createTranslator } from "next-intl";
import { z } from "zod";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { AppError, forbidden, type FieldErrors } from "@/lib/errors";
import ptBR from "@/lib/i18n/messages/pt-BR";
import { cid10Index } from "./catalogue";
import { CID10_DEFAULT_LIMIT, cid10SearchSchema, type Cid10Match, type Sex } from "./schemas";
import { findCid10Code, searchCid10Index } from "./search-index";

// CID-10 for the chart's diagnosis picker and GET /api/v1/cid10: staff who read or write
// records. The table is reference data (no tenant, no patient), so nothing here opens a tenant
// transaction or writes a data-access log; the search runs in memory (catalogue.ts).

const t = createTranslator({ locale: "pt-BR", messages: ptBR, namespace: "ehrCid10" });

export function requireCid10Access(ctx: Context): void {
  if (!can(ctx, "records:read") && !can(ctx, "records:write")) throw forbidden();
}

export async function searchCid10(ctx: Context, input: unknown): Promise<{ data: Cid10Match[] }> {
  requireCid10Access(ctx);
  const parsed = cid10SearchSchema.safeParse(input);
  if (!parsed.success) throw invalidSearch(parsed.error);
  const index = await cid10Index();
  return { data: searchCid10Index(index, parsed.data.q, parsed.data.limit ?? CID10_DEFAULT_LIMIT) };
}

/** One code of the table (e.g. to re-check a saved diagnosis), or null when it does not exist. */
export async function getCid10Code(ctx: Context, code: string): Promise<Cid10Match | null> {
  requireCid10Access(ctx);
  return findCid10Code(await cid10Index(), code);
}

/** The sex a code is restricted to by the table (F/M), or null for an unrestricted or unknown code. */
export async function cid10SexRestriction(code: string): Promise<Sex | null> {
  return findCid10Code(await cid10Index(), code)?.sexRestriction ?? null;
}

type ErrorKey = Parameters<typeof t>[0];

function invalidSearch(error: z.ZodError): AppError {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = `errors.${issue.message}` as ErrorKey;
    (fields[String(issue.path[0] ?? "q")] ??= []).push(t.has(key) ? t(key) : t("errors.q.invalid"));
  }
  return new AppError("validation", t("errors.search"), fields);
}
