// Locale settings shared by the request config, the locale action and the UI.
// Plain constants only, so both server and client code may import this file.

export const locales = ["pt-BR", "en"] as const;
export type AppLocale = (typeof locales)[number];

export const defaultLocale: AppLocale = "pt-BR";

/** Cookie read by lib/i18n/request.ts; the name next-intl uses by convention. */
export const LOCALE_COOKIE = "NEXT_LOCALE";

/** Clinics operate on Brasília time unless a tenant says otherwise. */
export const DEFAULT_TIME_ZONE = "America/Sao_Paulo";

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** Any unknown or missing value (tampered cookie, absent header) falls back to pt-BR. */
export function resolveLocale(value: unknown): AppLocale {
  return isLocale(value) ? value : defaultLocale;
}
