import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format/date";
import type { AppointmentEngagement } from "@/lib/engagement/queries";
import { TelemedicineConsentBadge } from "./telemedicine-badge";

/**
 * For the staff appointment detail: the TCLE state of a teleconsulta and the reminders with
 * their delivery state. The page loads the data with getAppointmentEngagement(ctx, id).
 */
export async function AppointmentEngagementPanel({ data, timeZone }: { data: AppointmentEngagement; timeZone: string }) {
  const t = await getTranslations("engagement.staff");
  const tt = await getTranslations("engagement.telemedicine");
  return (
    <section aria-labelledby="engagement-title" className="space-y-3">
      <h2 id="engagement-title" className="text-lg font-semibold">{t("title")}</h2>
      <TelemedicineConsentBadge modality={data.modality} consentAt={data.telemedicineConsentAt} labels={{ accepted: tt("badgeAccepted"), pending: tt("badgePending") }} />
      {data.reminders.length === 0 ? <p className="text-sm text-fg-muted">{t("none")}</p> : (
        <ul className="space-y-1 text-sm">
          {data.reminders.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-2">
              <span>{t(`channels.${r.channel}`)} · {formatDateTime(r.scheduledFor, timeZone)}</span>
              <Badge tone={r.status === "SENT" ? "success" : r.status === "FAILED" ? "danger" : "neutral"}>{t(`statuses.${r.status}`)}</Badge>
              {r.attempts > 0 && <span className="text-fg-muted">{t("attempts", { count: r.attempts })}</span>}
              {r.lastError && r.status !== "SENT" && <span className="text-fg-muted">{r.lastError}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
