import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { SignupForm } from "@/components/patients/signup-form";
import { currentContext } from "@/lib/auth/session";
import { requireHostTenant } from "@/lib/tenancy/resolve";
import { confirmSignupAction, signupAction } from "./actions";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("patientSignup");

// Public: a patient creates their own portal account for this clinic. Nested under /portal but
// not guarded by it: there is no portal layout, and /portal itself runs requirePatient().
export default async function PortalSignupPage({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await requireHostTenant((await params).tenant);
  if (await currentContext()) redirect("/");
  const t = await getTranslations("signup");
  return (
    <AuthCard orgName={tenant.name} title={t("title")} intro={t("intro")}>
      <SignupForm action={signupAction} confirmAction={confirmSignupAction} />
    </AuthCard>
  );
}
