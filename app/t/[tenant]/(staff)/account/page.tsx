import { getTranslations } from "next-intl/server";
import { TwoFactorSettings } from "@/components/auth/two-factor-settings";
import { PageHeader } from "@/components/layout/page-header";
import { requireStaff } from "@/lib/auth/guards";
import { getTwoFactorStatus } from "@/lib/auth/two-factor";
import { twoFactorActions } from "./two-factor-actions";
import { SessionsSection } from "./sessions-section";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("accountSecurity");

// The signed-in person's own security settings; any staff member may open it for themselves.
export default async function AccountSecurityPage() {
  const ctx = await requireStaff();
  const [t, status] = await Promise.all([getTranslations("twoFactor"), getTwoFactorStatus(ctx)]);
  return (
    <>
      <PageHeader title={t("accountTitle")} description={t("accountDescription")} />
      <TwoFactorSettings
        status={{ enabled: status.enabled, method: status.method, recoveryCodesLeft: status.recoveryCodesLeft, phone: status.phone }}
        actions={twoFactorActions}
      />
      <SessionsSection ctx={ctx} />
    </>
  );
}
