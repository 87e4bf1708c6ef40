import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PortalShell } from "@/components/layout/app-shell";
import { PageHeader } from "@/components/layout/page-header";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePatient } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format/date";
import { getPortalHome } from "@/lib/portal/queries";
import { requireHostTenant } from "@/lib/tenancy/resolve";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("portal");

export default async function PortalPage({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await requireHostTenant((await params).tenant);
  const ctx = await requirePatient();
  const [t, tn, tr, tt, home] = await Promise.all([
    getTranslations("portal"), getTranslations("nav"), getTranslations("roles"), getTranslations("engagement.telemedicine"), getPortalHome(ctx),
  ]);
  return (
    <PortalShell
      orgName={tenant.name}
      user={{ name: ctx.user?.name ?? "", roleLabel: tr("patient") }}
      items={[{ href: "/portal", label: tn("portal") }, { href: "/portal/account", label: tn("myAccount") }]}
    >
      <PageHeader title={t("greeting", { name: home.patientName ?? ctx.user?.name ?? "" })} />
      <h2 className="mb-3 text-lg font-semibold">{t("upcoming")}</h2>
      {home.patientName === null && <Alert tone="info">{t("noRecord")}</Alert>}
      {home.patientName !== null && home.upcoming.length === 0 && <EmptyState title={t("empty")} />}
      <ul className="space-y-3">
        {home.upcoming.map((a) => (
          <li key={a.id} className="rounded-lg border border-border bg-surface p-4">
            <p className="font-medium">{formatDateTime(a.startsAt, ctx.timeZone)}</p>
            <p className="text-fg-muted">
              {t("with", { doctor: a.doctorName })} · {a.modality === "TELEMEDICINE" ? t("telemedicine") : t("inPerson")}
            </p>
            {a.modality === "TELEMEDICINE" && (
              <Link href={`/portal/teleconsulta/${a.id}`} className="text-sm text-brand-700 underline">{tt("open")}</Link>
            )}
          </li>
        ))}
      </ul>
    </PortalShell>
  );
}
