import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentContext, presentedSessionTenant } from "@/lib/auth/session";
import { requireHostTenant } from "@/lib/tenancy/resolve";
import { LoginCard } from "@/components/auth/login-card";
import { SignupLink } from "@/components/patients/signup-link";

export const metadata: Metadata = { title: "Entrar" };

export default async function TenantLoginPage({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await requireHostTenant((await params).tenant);
  if (await currentContext()) redirect("/");
  // A cookie is present but not honoured: another clinic's (or the platform's), or one that a
  // password change, deactivation or "sign out everywhere" ended. Say why we ask again.
  const presented = await presentedSessionTenant();
  const t = await getTranslations("auth");
  const notice = presented === null ? undefined : presented === tenant.slug ? t("sessionExpired") : t("tenantMismatch");
  return <LoginCard orgName={tenant.name} notice={notice} footer={<SignupLink />} />;
}
