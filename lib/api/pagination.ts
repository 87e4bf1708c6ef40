import { createHmac, timingSafeEqual } from "node:crypto";
import { derivedKey } from "@/lib/crypto/derived-keys";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { canonicalJson } from "@/lib/format/canonical-json";

// Cursor (keyset) pagination for the API lists. A cursor is base64url(JSON of the last row's sort
// key) plus a MAC: clients cannot forge a keyset (and so cannot probe the index with values of
// their choosing), and a cursor only works with the list and filters it came from — using it with
// another query answers 400 instead of a silently wrong page. Keysets are stable under inserts
// and deletes, unlike offsets, and cost the same on page 1 and page 10,000.

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export type KeyValue = string | number | boolean | null;
export type Keyset = KeyValue[];

/** `limit` and `cursor` query parameters, as every list endpoint takes them. */
export const pageParams = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  cursor: z.string().max(2048).optional(),
});

const macKey = () => derivedKey("prontivus api cursor v1");

// 128 bits of MAC are plenty for a value that only says "this keyset came from us".
const mac = (payload: string, scope: string) =>
  createHmac("sha256", macKey()).update(`${scope}\n${payload}`).digest().subarray(0, 16);

/** `scope` names the list and its filters (see scopeOf): the cursor is valid only there. */
export function encodeCursor(keyset: Keyset, scope: string): string {
  const payload = Buffer.from(JSON.stringify(keyset), "utf8").toString("base64url");
  return `${payload}.${mac(payload, scope).toString("base64url")}`;
}

const invalidCursor = () =>
  new AppError("validation", "Cursor de paginação inválido para esta consulta.", { cursor: ["Cursor inválido ou de outra consulta."] });

export function decodeCursor(cursor: string, scope: string, arity: number): Keyset {
  const [payload, tag, extra] = cursor.split(".");
  if (!payload || !tag || extra !== undefined) throw invalidCursor();
  const given = Buffer.from(tag, "base64url");
  const expected = mac(payload, scope);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidCursor();
  let keyset: unknown;
  try {
    keyset = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  const ok = Array.isArray(keyset) && keyset.length === arity && keyset.every((v) => v === null || ["string", "number", "boolean"].includes(typeof v));
  if (!ok) throw invalidCursor();
  return keyset as Keyset;
}

/** The scope of a list: its path and its filters, in canonical form. */
export function scopeOf(path: string, filters: Record<string, unknown>): string {
  return canonicalJson({ path, filters });
}

export type Page<T> = { data: T[]; nextCursor: string | null };

/**
 * A page from `limit + 1` rows fetched after the cursor: the extra row only says whether there is
 * a next page, and the cursor points after the last row shown.
 */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => Keyset, scope: string): Page<T> {
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return { data, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last), scope) : null };
}

/**
 * A domain list's own cursor (lib/scheduling and lib/patients page by keyset and hand back an
 * opaque string) inside the signed envelope: the API's cursor is tamper-proof and bound to its
 * query whatever the domain's format is.
 */
export function wrapCursor(domainCursor: string | null, scope: string): string | null {
  return domainCursor === null ? null : encodeCursor([domainCursor], scope);
}

export function unwrapCursor(apiCursor: string | null | undefined, scope: string): string | undefined {
  if (!apiCursor) return undefined;
  const [inner] = decodeCursor(apiCursor, scope, 1);
  if (typeof inner !== "string") throw invalidCursor();
  return inner;
}

/**
 * The query string as an object (last value wins), minus `cursor` and `limit`: they are not
 * filters, and a keyset cursor stays valid whatever page size the next request asks for.
 */
export function listQuery(request: Request): { filters: Record<string, string>; cursor: string | null; limit: string | undefined } {
  const params = new URL(request.url).searchParams;
  const filters: Record<string, string> = {};
  for (const [k, v] of params) if (k !== "cursor" && k !== "limit") filters[k] = v;
  return { filters, cursor: params.get("cursor"), limit: params.get("limit") ?? undefined };
}
