import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PortalShell } from "@/components/layout/app-shell";
import { PageHeader } from "@/components/layout/page-header";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ResultButtonForm } from "@/components/ui/result-button-form";
import { requirePatient } from "@/lib/auth/guards";
import { getTeleconsultation } from "@/lib/engagement/telemedicine-portal";
import { TCLE_PARAGRAPHS } from "@/lib/engagement/tcle";
import { orNotFound } from "@/lib/not-found-page";
import { formatDate, formatTime } from "@/lib/format/date";
import { requireHostTenant } from "@/lib/tenancy/resolve";
import { acceptTermAction } from "./actions";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("telemedicine");

export default async function TeleconsultationPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant: slug, id } = await params;
  const tenant = await requireHostTenant(slug);
  const ctx = await requirePatient();
  const tele = await orNotFound(getTeleconsultation(ctx, id));
  const [t, tn, tr] = await Promise.all([getTranslations("engagement.telemedicine"), getTranslations("nav"), getTranslations("roles")]);
  const tz = ctx.timeZone;
  return (
    <PortalShell orgName={tenant.name} user={{ name: ctx.user?.name ?? "", roleLabel: tr("patient") }} items={[{ href: "/portal", label: tn("portal") }]}>
      <PageHeader title={t("title")} description={t("when", { date: formatDate(tele.startsAt, tz), time: formatTime(tele.startsAt, tz), doctor: tele.doctorName })} />
      <Card>
        <CardHeader title={t("termTitle")} description={t("termVersion", { version: tele.termVersion })} />
        <CardBody className="space-y-3">
          {TCLE_PARAGRAPHS.map((p) => <p key={p.slice(0, 24)} className="leading-relaxed">{p}</p>)}
          {tele.consentAt ? (
            <Alert tone="success">{t("accepted", { date: formatDate(tele.consentAt, tz), time: formatTime(tele.consentAt, tz) })}</Alert>
          ) : (
            <ResultButtonForm action={acceptTermAction} fields={{ id: tele.id }} label={t("accept")} />
          )}
          {tele.roomPath && <Link href={tele.roomPath} className={buttonClasses()}>{t("join")}</Link>}
          {tele.consentAt && !tele.roomPath && <Alert tone="warning">{t("notActive")}</Alert>}
        </CardBody>
      </Card>
    </PortalShell>
  );
}
