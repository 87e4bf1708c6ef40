import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "./auth-card";
import { LoginForm } from "./login-form";
import type { ResendCode } from "./two-factor-step";

/** The sign-in page body, shared by tenant hosts and the platform host. */
export async function LoginCard({ orgName, notice, afterSignIn, forgotPassword, footer, resendCode }: {
  orgName: string;
  notice?: string;
  afterSignIn?: string;
  forgotPassword?: boolean;
  /** Below the form, e.g. the patient sign-up link on a clinic's host. */
  footer?: ReactNode;
  /** Server action for "resend the code" at the second step (clinic hosts: codes by e-mail or SMS). */
  resendCode?: ResendCode;
}) {
  const t = await getTranslations("auth");
  return (
    <AuthCard orgName={orgName} title={t("title")} intro={t("subtitle")}>
      <LoginForm notice={notice} afterSignIn={afterSignIn} forgotPassword={forgotPassword} resendCode={resendCode} />
      {footer && <div className="mt-4 border-t border-border pt-4">{footer}</div>}
    </AuthCard>
  );
}
