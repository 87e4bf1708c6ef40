import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LinkActionForm } from "@/components/engagement/link-action-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody } from "@/components/ui/card";
import { getLinkView } from "@/lib/engagement/link-actions";
import { formatDate, formatTime } from "@/lib/format/date";
import { requestMeta } from "@/lib/request";
import { requireHostTenant } from "@/lib/tenancy/resolve";
import { linkAction } from "./actions";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("yourAppointment", { robots: { index: false, follow: false } });

// Opened from a reminder or waitlist message; no sign-in. Shows only when, with whom and the
// status: enough to act, nothing more (whoever holds the link may see this much).
export default async function AppointmentLinkPage({ params }: { params: Promise<{ tenant: string; token: string }> }) {
  const { tenant: slug, token } = await params;
  const tenant = await requireHostTenant(slug);
  const view = await getLinkView(tenant.slug, token, await requestMeta());
  if (!view) notFound();
  const t = await getTranslations("engagement.link");
  const when = t("when", { date: formatDate(view.startsAt, view.clinic.timeZone), time: formatTime(view.startsAt, view.clinic.timeZone) });
  const phone = view.clinic.phone ?? "";
  return (
    <main className="mx-auto flex min-h-dvh max-w-lg flex-col justify-center gap-4 p-6">
      <p className="text-sm font-semibold text-brand-700">{view.clinic.name}</p>
      <Card>
        <CardBody className="space-y-3">
          <h1 className="text-xl font-semibold">{t(`title.${view.purpose}`)}</h1>
          <p>{when}</p>
          <p className="text-fg-muted">{t("with", { doctor: view.doctorName })}</p>
          {view.purpose === "offer" ? (
            <>
              <p className="text-fg-muted">{t("offerUntil", { date: formatDate(view.expiresAt, view.clinic.timeZone), time: formatTime(view.expiresAt, view.clinic.timeZone) })}</p>
              {view.state === "booked" && <Alert tone="success">{t("offerBooked")}</Alert>}
              {view.state === "gone" && <Alert tone="warning">{t("offerGone")}</Alert>}
              {view.state === "open" && <LinkActionForm action={linkAction} token={token} label={t("accept")} doneMessage={t("offerBooked")} />}
            </>
          ) : (
            <>
              <p data-testid="appointment-status">{t("status", { status: t(`statuses.${view.status}`) })}</p>
              {view.purpose === "confirm" && view.status === "CONFIRMED" && <Alert tone="success">{t("confirmed")}</Alert>}
              {view.purpose === "confirm" && view.status === "SCHEDULED" && (
                <LinkActionForm action={linkAction} token={token} label={t("confirm")} doneMessage={t("confirmed")} />
              )}
              {view.purpose === "cancel" && view.status === "CANCELLED" && <Alert tone="success">{t("cancelled")}</Alert>}
              {view.purpose === "cancel" && (view.status === "SCHEDULED" || view.status === "CONFIRMED") && (
                view.cancelBlocked
                  ? <Alert tone="warning">{t("cancelTooLate", { hours: view.clinic.noticeHours, phone })}</Alert>
                  : <LinkActionForm action={linkAction} token={token} label={t("cancel")} doneMessage={t("cancelled")} danger />
              )}
            </>
          )}
        </CardBody>
      </Card>
    </main>
  );
}
