import { createTranslator } from "next-intl";
import { AppError, type AppErrorCode } from "@/lib/errors";
import ptBR from "@/lib/i18n/messages/pt-BR";

// Signing refusals a person can act on. Each carries a machine-readable reason and its
// parameters (for the API and for a UI that renders the message in the user's language from
// `ehrSigning.errors.<reason>`); the message itself comes from the pt-BR catalogue, like the
// other domain errors.

export type SigningErrorReason = "identityIncomplete" | "notTheSigner" | "signerInactive" | "emptyContent";
export type MissingIdentityField = "cpf" | "crm";

const STATUS: Record<SigningErrorReason, AppErrorCode> = {
  identityIncomplete: "unprocessable",
  notTheSigner: "forbidden",
  signerInactive: "forbidden",
  emptyContent: "validation",
};

const t = createTranslator({ locale: "pt-BR", messages: ptBR, namespace: "ehrSigning" });

export class SigningError extends AppError {
  constructor(
    readonly reason: SigningErrorReason,
    readonly params: Record<string, string | string[]> = {},
  ) {
    super(STATUS[reason], messageFor(reason, params));
    this.name = "SigningError";
  }

  override toJSON() {
    const base = super.toJSON();
    return { error: { ...base.error, reason: this.reason, params: this.params } };
  }
}

function messageFor(reason: SigningErrorReason, params: Record<string, string | string[]>): string {
  if (reason !== "identityIncomplete") return t(`errors.${reason}`);
  const missing = (params.missing as MissingIdentityField[]).map((field) => t(`fields.${field}`));
  return t("errors.identityIncomplete", { missing: new Intl.ListFormat("pt-BR", { type: "conjunction" }).format(missing) });
}

export const identityIncomplete = (missing: MissingIdentityField[]) => new SigningError("identityIncomplete", { missing });
