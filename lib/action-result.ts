import { isAppError, type AppErrorCode, type FieldErrors } from "@/lib/errors";

// What a server action answers its form: its data, or the AppError as the form shows it
// (message, and field errors under their inputs). Anything else is a bug and propagates
// (Next logs it), so a form never shows an internal error's text.

/** `reason` and `params`: a domain error's stable refusal, for a form that words it in the user's language. */
export type ActionFailure = {
  ok: false; code: AppErrorCode; message: string; fields?: FieldErrors; reason?: string; params?: Record<string, string | number>;
};
export type ActionResult<T extends object = object> = ({ ok: true } & T) | ActionFailure;

export async function actionResult<T extends object>(call: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, ...(await call()) };
  } catch (error) {
    if (isAppError(error)) {
      const { reason, params } = error as { reason?: unknown; params?: unknown };
      return {
        ok: false, code: error.code, message: error.message, fields: error.fields,
        ...(typeof reason === "string" ? { reason, params: (params ?? {}) as Record<string, string | number> } : {}),
      };
    }
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
