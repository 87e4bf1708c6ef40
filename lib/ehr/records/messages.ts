import catalogue from "@/lib/i18n/messages/pt-BR/records.json";

// The records domain's refusals. Like the shared input checks (lib/validation/messages.ts) they
// are written in the default locale when raised, and their words live in the catalogue
// (`records.errors` in lib/i18n/messages/<locale>/records.json, en alongside), not in code.
// Client-safe: the chart's schemas use it too.

export type RecordsMessageKey = keyof typeof catalogue.errors;

/** The catalogued message `key`, with `{name}` placeholders filled from `params`. */
export function recordsMessage(key: RecordsMessageKey, params: Record<string, string | number> = {}): string {
  return catalogue.errors[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
