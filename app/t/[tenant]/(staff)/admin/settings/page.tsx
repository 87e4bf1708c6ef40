import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { requireStaff } from "@/lib/auth/guards";
import { reviewDoctorOptions } from "@/lib/ehr/records/review-options";
import { getTenantSettings } from "@/lib/tenancy/settings-admin";
import { SETTINGS_STAFF_ROLES, settingsToForm } from "@/lib/tenancy/settings-form";
import { SettingsForm } from "./_components/settings-form";
import { updateTenantSettingsAction } from "./actions";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("clinicSettings");

export default async function TenantSettingsPage() {
  const ctx = await requireStaff("settings:manage");
  const [t, tr, settings, doctors] = await Promise.all([
    getTranslations("sessions.settings"), getTranslations("roles"), getTenantSettings(ctx), reviewDoctorOptions(ctx),
  ]);
  const roles = SETTINGS_STAFF_ROLES.map((role) => ({ value: role, label: tr(role) }));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <SettingsForm initial={settingsToForm(settings)} roles={roles} doctors={doctors} action={updateTenantSettingsAction} />
    </>
  );
}
