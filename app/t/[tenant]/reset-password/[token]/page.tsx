import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { ResetLinkInvalid, ResetPasswordForm } from "@/components/auth/reset-password-form";
import { isResetTokenLive } from "@/lib/auth/password-reset";
import { requestMeta } from "@/lib/request";
import { requireHostTenant } from "@/lib/tenancy/resolve";
import { completePasswordResetAction } from "./actions";
import { titled } from "@/lib/i18n/page-title";

// The token is in the path: never send it on to another site in a Referer header.
export const generateMetadata = titled("resetPassword", { referrer: "no-referrer" });

// Public by design: the token is the credential. Checked here to pick form or "ask again",
// and again, atomically, when the form is sent.
export default async function ResetPasswordPage({ params }: { params: Promise<{ tenant: string; token: string }> }) {
  const { tenant: slug, token } = await params;
  const tenant = await requireHostTenant(slug);
  const [t, meta] = await Promise.all([getTranslations("passwordReset"), requestMeta()]);
  const live = await isResetTokenLive(tenant.slug, token, meta);
  return (
    <AuthCard orgName={tenant.name} title={t("resetTitle")} intro={live ? t("resetIntro") : undefined}>
      {live ? <ResetPasswordForm token={token} action={completePasswordResetAction} /> : <ResetLinkInvalid />}
    </AuthCard>
  );
}
