import { isAppError, type AppErrorCode, type FieldErrors } from "@/lib/errors";

// What a server action answers its form: its data, or the AppError as the form shows it
// (message, and field errors under their inputs). Anything else is a bug and propagates
// (Next logs it), so a form never shows an internal error's text.

export type ActionFailure = { ok: false; code: AppErrorCode; message: string; fields?: FieldErrors };
export type ActionResult<T extends object = object> = ({ ok: true } & T) | ActionFailure;

export async function actionResult<T extends object>(call: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, ...(await call()) };
  } catch (error) {
    if (isAppError(error)) return { ok: false, code: error.code, message: error.message, fields: error.fields };
    throw error;
  }
}

/**
 * A text field of a form action's FormData, or "" when absent or not text. Every server action
 * is a public endpoint that may be called with any arguments, not just the FormData its form
 * sends: reading through this never throws on a plain object, a string or nothing at all.
 */
export function formField(form: unknown, name: string): string {
  const value = form instanceof FormData ? form.get(name) : null;
  return typeof value === "string" ? value : "";
}
