import { AppError, type AppErrorCode } from "@/lib/errors";
import { documentsMessage, type DocumentsErrorKey } from "./messages";

// Refusals of the document pipeline a person can act on: a stable reason with its parameters
// (the UI translates `documents.errors.<reason>`) and the pt-BR message for API clients.

const STATUS = {
  patientCpfRequired: "unprocessable",
  patientAddressRequired: "unprocessable",
  notAuthor: "forbidden",
  alreadyCancelled: "conflict",
} as const satisfies Partial<Record<DocumentsErrorKey, AppErrorCode>>;

export type DocumentRefusal = keyof typeof STATUS;

export class DocumentError extends AppError {
  constructor(readonly reason: DocumentRefusal, readonly params: Record<string, string | number> = {}) {
    super(STATUS[reason], documentsMessage(reason, params));
    this.name = "DocumentError";
  }

  override toJSON() {
    const body = super.toJSON();
    return { error: { ...body.error, reason: this.reason, params: this.params } };
  }
}

/** A stored PDF that failed its checks (the server's fault): never served. */
export class DocumentIntegrityError extends Error {
  override name = "DocumentIntegrityError";
}
