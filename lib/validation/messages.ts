import catalogue from "@/lib/i18n/messages/pt-BR/validation.json";

// Messages of the shared input checks. Like every domain message they are written in the
// default locale (pt-BR) when a schema is built, and the words live in the catalogue
// (lib/i18n/messages/<locale>/validation.json, en alongside) rather than in code. Client-safe.

export type ValidationMessageKey = keyof typeof catalogue;

/** The catalogued message `key`, with `{name}` placeholders filled from `params`. */
export function validationMessage(key: ValidationMessageKey, params: Record<string, string | number> = {}): string {
  return catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
