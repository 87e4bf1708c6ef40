import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/layout/language-switcher";
import { LoginForm } from "./login-form";

/** The sign-in page body, shared by tenant hosts and the platform host. */
export async function LoginCard({ orgName, notice, afterSignIn, forgotPassword }: {
  orgName: string;
  notice?: string;
  afterSignIn?: string;
  forgotPassword?: boolean;
}) {
  const t = await getTranslations("auth");
  return (
    <main className="flex min-h-dvh items-center justify-center p-6">
      <div className="w-full max-w-sm space-y-6">
        <div className="space-y-1 text-center">
          <p className="text-sm font-semibold text-brand-700">Prontivus</p>
          <h1 className="text-2xl font-semibold text-fg">{orgName}</h1>
          <p className="text-fg-muted">{t("subtitle")}</p>
        </div>
        <div className="rounded-lg border border-border bg-surface p-6 shadow-sm">
          <h2 className="mb-4 text-lg font-semibold">{t("title")}</h2>
          <LoginForm notice={notice} afterSignIn={afterSignIn} forgotPassword={forgotPassword} />
        </div>
        <LanguageSwitcher className="justify-center" />
      </div>
    </main>
  );
}
