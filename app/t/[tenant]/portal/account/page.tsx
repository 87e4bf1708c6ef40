import { getTranslations } from "next-intl/server";
import { PortalShell } from "@/components/layout/app-shell";
import { PageHeader } from "@/components/layout/page-header";
import { IdleWarning } from "@/components/sessions/idle-warning";
import { requirePatient } from "@/lib/auth/guards";
import { sessionIdleMinutes } from "@/lib/auth/sessions";
import { requireHostTenant } from "@/lib/tenancy/resolve";
import { keepAliveAction } from "../../(staff)/account/session-actions";
import { SessionsSection } from "../../(staff)/account/sessions-section";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("myAccount");

// The patient's own sessions: where the account is signed in, end one, or sign out everywhere.
export default async function PortalAccountPage({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await requireHostTenant((await params).tenant);
  const ctx = await requirePatient();
  const [t, tn, tr, idleMinutes] = await Promise.all([
    getTranslations("sessions.account"), getTranslations("nav"), getTranslations("roles"), sessionIdleMinutes(ctx),
  ]);
  return (
    <PortalShell
      orgName={tenant.name}
      user={{ name: ctx.user?.name ?? "", roleLabel: tr("patient") }}
      items={[{ href: "/portal", label: tn("portal") }, { href: "/portal/account", label: tn("myAccount") }]}
    >
      <PageHeader title={t("portalTitle")} />
      <SessionsSection ctx={ctx} />
      <IdleWarning idleMinutes={idleMinutes} keepAlive={keepAliveAction} />
    </PortalShell>
  );
}
