import { AppError, type AppErrorCode } from "@/lib/errors";
import catalogue from "@/lib/i18n/messages/pt-BR/scheduling.json";

// Refusals of the status machine that depend on time or on who made a move: a stable reason and
// its parameters (the API answers both; the staff UI renders them from its own catalogue,
// scheduling.statusErrors.<reason>), with the pt-BR sentence as the message, like the other
// domain errors. Client-safe: the appointment page explains a missing button with the same words.

export type StatusRefusal = keyof typeof catalogue.statusErrors;
export type StatusParams = Record<string, string>;

const CODE: Record<StatusRefusal, AppErrorCode> = {
  notOnTheDay: "conflict",
  noShowBeforeStart: "conflict",
  notUndoable: "conflict",
  undoNotYours: "forbidden",
  undoDayPassed: "conflict",
  undoSlotTaken: "conflict",
  undoReasonRequired: "validation",
};

export const isStatusRefusal = (reason: unknown): reason is StatusRefusal => typeof reason === "string" && Object.hasOwn(CODE, reason);

export function statusMessage(reason: StatusRefusal, params: StatusParams = {}): string {
  return catalogue.statusErrors[reason].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

export class StatusError extends AppError {
  constructor(readonly reason: StatusRefusal, readonly params: StatusParams = {}) {
    const message = statusMessage(reason, params);
    super(CODE[reason], message, reason === "undoReasonRequired" ? { reason: [message] } : undefined);
    this.name = "StatusError";
  }

  override toJSON() {
    const base = super.toJSON();
    return { error: { ...base.error, reason: this.reason, params: this.params } };
  }
}
