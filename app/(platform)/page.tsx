import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { env } from "@/lib/env";

export default async function LandingPage() {
  const t = await getTranslations("platform");
  return (
    <main className="mx-auto flex min-h-dvh max-w-3xl flex-col justify-center gap-6 p-8">
      <p className="text-sm font-semibold text-brand-700">Prontivus</p>
      <h1 className="text-4xl font-semibold text-fg">{t("landingTitle")}</h1>
      <p className="text-lg text-fg-muted">{t("landingText")}</p>
      <p className="text-fg-muted">{t("landingHint", { host: env().APP_HOST })}</p>
      <div>
        <Link href="/login" className={buttonClasses({ variant: "secondary" })}>{t("platformSignIn")}</Link>
      </div>
    </main>
  );
}
