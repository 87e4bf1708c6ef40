import { getLocale, getTranslations } from "next-intl/server";
import { clsx } from "clsx";
import { locales } from "@/lib/i18n/config";
import { setLocale } from "@/lib/i18n/locale-action";

/**
 * A plain form posting to the setLocale Server Action: one submit button per language,
 * so it works before hydration and needs no client JavaScript. Each language is named
 * in itself ("English" also on the Portuguese UI) so people can find their own.
 */
export async function LanguageSwitcher({ className }: { className?: string }) {
  const [current, t] = await Promise.all([getLocale(), getTranslations("common")]);

  return (
    <form action={setLocale} className={className}>
      <fieldset>
        <legend className="mb-1 text-xs font-medium text-fg-muted">{t("language")}</legend>
        <div className="flex flex-wrap gap-1">
          {locales.map((locale) => {
            const isCurrent = locale === current;
            return (
              <button
                key={locale}
                type="submit"
                name="locale"
                value={locale}
                lang={locale}
                aria-pressed={isCurrent}
                className={clsx(
                  "rounded-md border px-2 py-1 text-xs font-medium",
                  isCurrent
                    ? "border-brand-700 bg-brand-50 text-brand-800"
                    : "border-border-strong bg-surface text-fg hover:bg-surface-muted",
                )}
              >
                {t(`languages.${locale}`)}
              </button>
            );
          })}
        </div>
      </fieldset>
    </form>
  );
}
