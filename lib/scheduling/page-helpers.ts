import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { localDateOf } from "./time";

// Glue for pages: a domain "not found" (another clinic's id, a hidden appointment) renders the
// 404 page, and the date in the URL is read leniently (dd/mm/aaaa as typed, or yyyy-mm-dd).

export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (isAppError(error) && (error.code === "not_found" || error.code === "validation")) notFound();
    throw error;
  }
}

export function dateParam(value: string | string[] | undefined, timeZone: string, now: Date = new Date()): string {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
  const br = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
  const iso = br ? `${br[3]}-${br[2]!.padStart(2, "0")}-${br[1]!.padStart(2, "0")}` : raw;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso) && new Date(`${iso}T00:00:00Z`).toISOString().startsWith(iso)) return iso;
  return localDateOf(now, timeZone);
}

export const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
