import { getTranslations } from "next-intl/server";
import { AuthCard } from "./auth-card";
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
    <AuthCard orgName={orgName} title={t("title")} intro={t("subtitle")}>
      <LoginForm notice={notice} afterSignIn={afterSignIn} forgotPassword={forgotPassword} />
    </AuthCard>
  );
}
