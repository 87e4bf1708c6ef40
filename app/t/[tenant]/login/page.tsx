import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentContext, sessionRefusal } from "@/lib/auth/session";
import { requireHostTenant } from "@/lib/tenancy/resolve";
import { LoginCard } from "@/components/auth/login-card";
import { SignupLink } from "@/components/patients/signup-link";
import { resendSignInCodeAction } from "./actions";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("signIn");

export default async function TenantLoginPage({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await requireHostTenant((await params).tenant);
  if (await currentContext()) redirect("/");
  // A cookie is present but not honoured: another clinic's (or the platform's), or a session that
  // ended (inactivity, time limit, another device, password change, deactivation). Say why.
  const refusal = await sessionRefusal();
  const t = await getTranslations("sessions.notice");
  const notice = refusal ? t(refusal) : undefined;
  return <LoginCard orgName={tenant.name} notice={notice} footer={<SignupLink />} resendCode={resendSignInCodeAction} />;
}
