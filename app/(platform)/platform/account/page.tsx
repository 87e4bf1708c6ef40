import { getTranslations } from "next-intl/server";
import { TwoFactorSettings } from "@/components/auth/two-factor-settings";
import { PlatformShell } from "@/components/layout/app-shell";
import { PageHeader } from "@/components/layout/page-header";
import { requirePlatform } from "@/lib/auth/guards";
import { getPlatformTwoFactorStatus } from "@/lib/platform/two-factor";
import {
  confirmPlatformTotpAction, disablePlatformTotpAction, messageCodesUnavailableAction, startPlatformTotpAction,
} from "./actions";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("accountSecurity");

// A super admin's own sign-in security: optional TOTP (no recovery codes on the platform).
export default async function PlatformAccountPage() {
  const ctx = await requirePlatform();
  const [t, ts, tn, tr, status] = await Promise.all([
    getTranslations("twoFactor"), getTranslations("secondFactor"), getTranslations("nav"), getTranslations("roles"), getPlatformTwoFactorStatus(ctx),
  ]);
  const items = [{ href: "/platform", label: tn("tenants") }, { href: "/platform/account", label: tn("account") }];
  return (
    <PlatformShell orgName="Prontivus" user={{ name: ctx.user?.name ?? "", roleLabel: tr("super_admin") }} items={items}>
      <PageHeader title={t("accountTitle")} description={ts("platformDescription")} />
      <TwoFactorSettings
        status={{ enabled: status.enabled, method: status.enabled ? "totp" : null, recoveryCodesLeft: 0, phone: null }}
        messageCodes={false}
        actions={{
          start: startPlatformTotpAction, confirm: confirmPlatformTotpAction, disable: disablePlatformTotpAction,
          startOtp: messageCodesUnavailableAction, confirmOtp: messageCodesUnavailableAction,
        }}
      />
    </PlatformShell>
  );
}
