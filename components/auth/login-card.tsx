import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "./auth-card";
import { LoginForm } from "./login-form";

/** The sign-in page body, shared by tenant hosts and the platform host. */
export async function LoginCard({ orgName, notice, afterSignIn, forgotPassword, footer }: {
  orgName: string;
  notice?: string;
  afterSignIn?: string;
  forgotPassword?: boolean;
  /** Below the form, e.g. the patient sign-up link on a clinic's host. */
  footer?: ReactNode;
}) {
  const t = await getTranslations("auth");
  return (
    <AuthCard orgName={orgName} title={t("title")} intro={t("subtitle")}>
      <LoginForm notice={notice} afterSignIn={afterSignIn} forgotPassword={forgotPassword} />
      {footer && <div className="mt-4 border-t border-border pt-4">{footer}</div>}
    </AuthCard>
  );
}
