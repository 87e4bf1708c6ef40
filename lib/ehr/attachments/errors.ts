import { createTranslator } from "next-intl";
import { AppError, type AppErrorCode } from "@/lib/errors";
import messages from "@/lib/i18n/messages/pt-BR/ehr-attachments.json";

// Why an attachment was refused, as a stable reason code with its parameters (the client
// translates `reason` with its own catalogue, ehrAttachments.errors.<reason>) plus the pt-BR
// message for API clients that show `message` as it is. Words live in the catalogue only.

export const ATTACHMENT_REFUSALS = {
  empty: "validation",
  too_large: "validation",
  type_not_allowed: "validation",
  incomplete: "validation",
  record_signed: "conflict",
  not_author: "forbidden",
} as const satisfies Record<string, AppErrorCode>;

export type AttachmentRefusal = keyof typeof ATTACHMENT_REFUSALS;
type Params = Record<string, number | string>;

const translate = createTranslator({ locale: "pt-BR", messages: { ehrAttachments: messages }, namespace: "ehrAttachments.errors" });

export class AttachmentError extends AppError {
  constructor(readonly reason: AttachmentRefusal, readonly params: Params = {}) {
    const message = translate(reason, params);
    super(ATTACHMENT_REFUSALS[reason], message, reason === "record_signed" || reason === "not_author" ? undefined : { file: [message] });
    this.name = "AttachmentError";
  }

  override toJSON() {
    const body = super.toJSON();
    return { error: { ...body.error, reason: this.reason, params: this.params } };
  }
}

/** The stored object failed authentication or its SHA-256: never served, always logged. */
export class AttachmentIntegrityError extends Error {
  override name = "AttachmentIntegrityError";
}

/** The answer to a download whose stored object failed its check (the server's fault: 500). */
export function integrityFailureBody() {
  return { error: { code: "internal", message: translate("integrity_failed"), reason: "integrity_failed", params: {} } };
}
