// Types useTranslations/getTranslations keys against the pt-BR catalogue (the source
// of truth) and narrows useLocale() to our locales. See lib/i18n/messages.test.ts for
// the check that en.json has exactly the same keys.
import type { AppLocale } from "./config";
import type messages from "./messages/pt-BR";

declare module "next-intl" {
  interface AppConfig {
    Locale: AppLocale;
    Messages: typeof messages;
  }
}
