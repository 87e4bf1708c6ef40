import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { TwoFactorSettings } from "@/components/auth/two-factor-settings";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { requirePendingEnrolment } from "@/lib/auth/guards";
import { getTwoFactorStatus } from "@/lib/auth/two-factor";
import { requireHostTenant } from "@/lib/tenancy/resolve";
import { twoFactorActions } from "../(staff)/account/two-factor-actions";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("twoFactorSetup");

// Where a staff member whose clinic demands a second factor lands until they have one (the
// guards send every staff page here). Outside the staff shell: there is nothing else to do yet.
export default async function TwoFactorSetupPage({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await requireHostTenant((await params).tenant);
  const ctx = await requirePendingEnrolment();
  const [t, status] = await Promise.all([getTranslations("secondFactor"), getTwoFactorStatus(ctx)]);
  const tc = await getTranslations("common");
  return (
    <AuthCard orgName={tenant.name} title={t("requiredTitle")} intro={t("requiredIntro")}>
      <div className="space-y-4">
        <TwoFactorSettings
          status={{ enabled: status.enabled, method: status.method, recoveryCodesLeft: status.recoveryCodesLeft, phone: status.phone }}
          actions={twoFactorActions}
          afterEnabled="/"
        />
        <SignOutButton label={tc("signOut")} pendingLabel={tc("signingOut")} />
      </div>
    </AuthCard>
  );
}
