import { getTranslations } from "next-intl/server";
import { PortalShell } from "@/components/layout/app-shell";
import { PageHeader } from "@/components/layout/page-header";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody } from "@/components/ui/card";
import { requirePatient } from "@/lib/auth/guards";
import { getTelemedicineRoom } from "@/lib/engagement/telemedicine-portal";
import { orNotFound } from "@/lib/not-found-page";
import { formatDate, formatTime } from "@/lib/format/date";
import { requireHostTenant } from "@/lib/tenancy/resolve";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("telemedicineRoom", { robots: { index: false, follow: false } });

// The waiting room. The video itself belongs to an external provider configured per clinic;
// none is reachable here, so the page stops at the waiting room (the gate and records are real).
export default async function TelemedicineRoomPage({ params }: { params: Promise<{ tenant: string; room: string }> }) {
  const { tenant: slug, room } = await params;
  const tenant = await requireHostTenant(slug);
  const ctx = await requirePatient();
  const view = await orNotFound(getTelemedicineRoom(ctx, room));
  const [t, tn, tr] = await Promise.all([getTranslations("engagement.telemedicine"), getTranslations("nav"), getTranslations("roles")]);
  return (
    <PortalShell orgName={tenant.name} user={{ name: ctx.user?.name ?? "", roleLabel: tr("patient") }} items={[{ href: "/portal", label: tn("portal") }]}>
      <PageHeader title={t("roomTitle")} description={t("when", { date: formatDate(view.startsAt, ctx.timeZone), time: formatTime(view.startsAt, ctx.timeZone), doctor: view.doctorName })} />
      <Card>
        <CardBody className="space-y-3">
          <p>{t("roomWaiting")}</p>
          <Alert tone="info">{t("roomProvider")}</Alert>
          <p className="text-xs text-fg-muted">{t("roomId", { room: view.room })}</p>
        </CardBody>
      </Card>
    </PortalShell>
  );
}
