import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { requireHostTenant } from "@/lib/tenancy/resolve";
import { requestPasswordResetAction } from "./actions";

export const metadata: Metadata = { title: "Esqueci minha senha" };

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
