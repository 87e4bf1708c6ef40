import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

/**
 * For pages: what `load` returns, or the 404 page when the record does not exist for this
 * viewer (another clinic's id, someone else's record) or the URL's id is malformed. Other
 * errors propagate.
 */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (isAppError(error) && (error.code === "not_found" || error.code === "validation")) notFound();
    throw error;
  }
}
