// Typed domain errors. Messages are written for the person who sees them (pt-BR by default);
// the API maps each code to one HTTP status and one JSON shape.

export type AppErrorCode =
  | "validation"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "unprocessable"
  | "rate_limited";

const STATUS: Record<AppErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
};

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fields?: FieldErrors;

  constructor(code: AppErrorCode, message: string, fields?: FieldErrors) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fields = fields;
  }

  get status(): number {
    return STATUS[this.code];
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}

export const notFound = (what = "Registro") => new AppError("not_found", `${what} não encontrado.`);
export const forbidden = () => new AppError("forbidden", "Você não tem permissão para esta ação.");
export const unauthorized = () => new AppError("unauthorized", "Sessão expirada. Entre novamente.");

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
