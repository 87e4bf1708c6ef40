import catalogue from "@/lib/i18n/messages/pt-BR/prescriptions.json";
import { AppError, type AppErrorCode, type FieldErrors } from "@/lib/errors";

// The prescriptions domain's refusals. Each carries a stable `reason` (its key in the
// `prescriptions.errors` catalogue, pt-BR and en) and the `params` that fill it, beside the HTTP
// class in `code`; the API answers { error: { code, reason, message, params?, fields? } }, so a
// pharmacy system can act on `reason` ("dispenseExpired") without parsing Portuguese.
// Client-safe: the editor's schemas use prescriptionsMessage too.

export type PrescriptionsMessageKey = keyof typeof catalogue.errors;
export type MessageParams = Record<string, string | number>;

export function prescriptionsMessage(key: PrescriptionsMessageKey, params: MessageParams = {}): string {
  return catalogue.errors[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export class PrescriptionError extends AppError {
  readonly reason: PrescriptionsMessageKey;
  readonly params: MessageParams;

  constructor(code: AppErrorCode, reason: PrescriptionsMessageKey, params: MessageParams = {}, fields?: FieldErrors) {
    super(code, prescriptionsMessage(reason, params), fields);
    this.name = "PrescriptionError";
    this.reason = reason;
    this.params = params;
  }

  override toJSON() {
    const { error } = super.toJSON();
    return { error: { ...error, reason: this.reason, ...(Object.keys(this.params).length > 0 ? { params: this.params } : {}) } };
  }
}

export const rxError = (code: AppErrorCode, reason: PrescriptionsMessageKey, params: MessageParams = {}, field?: string) =>
  new PrescriptionError(code, reason, params, field ? { [field]: [prescriptionsMessage(reason, params)] } : undefined);

export const prescriptionNotFound = () => rxError("not_found", "notFound");
