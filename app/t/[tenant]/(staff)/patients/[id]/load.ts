import { notFound } from "next/navigation";
import type { Context } from "@/lib/context";
import { isAppError } from "@/lib/errors";
import { getPatient } from "@/lib/patients/queries";

/** The patient of the URL, or the 404 page (another clinic's id is simply not found). */
export async function patientOr404(ctx: Context, id: string) {
  try {
    return await getPatient(ctx, id);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}
