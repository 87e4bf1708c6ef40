import { createTranslator } from "next-intl";
import catalogue from "@/lib/i18n/messages/pt-BR/documents.json";

// The documents domain's words, from the catalogue (lib/i18n/messages/<locale>/documents.json).
// Refusals are raised in the default locale (the client translates `reason` with its own
// catalogue); the printed document is always Portuguese: it is a Brazilian legal document.
// Client-safe: the forms' schemas use it too.

export type DocumentsErrorKey = keyof typeof catalogue.errors;

const translate = createTranslator({ locale: "pt-BR", messages: { documents: catalogue }, namespace: "documents" });

/** A catalogued refusal with its `{name}` placeholders filled. */
export function documentsMessage(key: DocumentsErrorKey, params: Record<string, string | number> = {}): string {
  return translate(`errors.${key}`, params);
}

/** Printed text of the PDF (`documents.pdf.<key>`), ICU placeholders and plurals filled. */
export function pdfText(key: string, params: Record<string, string | number> = {}): string {
  return (translate as unknown as (k: string, p: Record<string, string | number>) => string)(`pdf.${key}`, params);
}
