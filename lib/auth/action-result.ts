import { isAppError } from "@/lib/errors";

// What a server action of the account and sign-in screens answers: its data, or the AppError's
// message for the form to show. Anything else is a bug and propagates (Next logs it).

export type ActionResult<T> = ({ ok: true } & T) | { ok: false; message: string };

export async function actionResult<T>(call: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, ...(await call()) };
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: error.message };
    throw error;
  }
}
