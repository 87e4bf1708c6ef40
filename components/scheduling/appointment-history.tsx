import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@/lib/format/date";
import type { HistoryEntry } from "@/lib/scheduling/schemas";

/** The audit trail of an appointment (and of the reschedule it came from or led to). */
export async function AppointmentHistoryList({ entries, current, timeZone }: { entries: HistoryEntry[]; current: string; timeZone: string }) {
  const t = await getTranslations("scheduling");
  const label = (e: HistoryEntry) => {
    if (e.action === "appointment.booked") return t("history.booked");
    if (e.action === "appointment.rescheduled") return t("history.rescheduled");
    if (e.action === "appointment.status_changed" && e.to) return t("history.status", { status: t(`status.${e.to as "SCHEDULED"}`) });
    if (e.action === "appointment.status_reverted" && e.to) return t("history.reverted", { status: t(`status.${e.to as "SCHEDULED"}`) });
    return t("history.updated");
  };
  return (
    <ol aria-label={t("history.title")} className="space-y-2 text-sm">
      {entries.map((e, i) => (
        <li key={i} className={e.appointmentId === current ? "" : "text-fg-muted"}>
          <span className="font-medium">{label(e)}</span>
          <span className="block text-xs text-fg-muted">{formatDateTime(e.at, timeZone)}{e.actorName ? ` · ${e.actorName}` : ""}</span>
        </li>
      ))}
    </ol>
  );
}
