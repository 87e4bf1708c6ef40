import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import type { Messages } from "next-intl";
import { DEFAULT_TIME_ZONE, LOCALE_COOKIE, resolveLocale, type AppLocale } from "./config";

// Explicit loaders (not a template import path) so only our own files can ever be
// loaded, whatever the cookie contains. Typing them as the pt-BR shape makes a key
// missing from en.json a compile error.
const loaders: Record<AppLocale, () => Promise<{ default: Messages }>> = {
  "pt-BR": () => import("./messages/pt-BR"),
  en: () => import("./messages/en"),
};

// No i18n routing: the locale never appears in URLs. It comes from an explicit
// override (getTranslations({ locale })) or the NEXT_LOCALE cookie, else pt-BR.
export default getRequestConfig(async ({ locale: override }) => {
  const locale = override
    ? resolveLocale(override)
    : resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  const messages = (await loaders[locale]()).default;
  return { locale, messages, timeZone: DEFAULT_TIME_ZONE };
});
