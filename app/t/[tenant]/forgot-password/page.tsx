import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { requireHostTenant } from "@/lib/tenancy/resolve";
import { requestPasswordResetAction } from "./actions";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("forgotPassword");

// Public: someone who cannot sign in asks for a reset link for their clinic's account.
export default async function ForgotPasswordPage({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await requireHostTenant((await params).tenant);
  const t = await getTranslations("passwordReset");
  return (
    <AuthCard orgName={tenant.name} title={t("forgotTitle")} intro={t("forgotIntro")}>
      <ForgotPasswordForm action={requestPasswordResetAction} />
    </AuthCard>
  );
}
