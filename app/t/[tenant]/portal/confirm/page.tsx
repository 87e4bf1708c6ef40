import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { SignupConfirmForm } from "@/components/patients/signup-confirm-form";
import { requireHostTenant } from "@/lib/tenancy/resolve";
import { confirmSignupAction } from "../signup/actions";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("confirmEmail");

// Public: whoever closed the sign-up page comes back here with the code from the mail (or asks
// for a new one). The e-mail is typed, not carried in the URL, so it stays out of logs.
export default async function PortalConfirmPage({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await requireHostTenant((await params).tenant);
  const t = await getTranslations("signup");
  return (
    <AuthCard orgName={tenant.name} title={t("confirmTitle")} intro={t("confirmIntro")}>
      <SignupConfirmForm action={confirmSignupAction} />
    </AuthCard>
  );
}
