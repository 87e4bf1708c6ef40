import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { AppointmentStatus } from "@/lib/appointments/schemas";

const TONE: Record<AppointmentStatus, BadgeTone> = {
  SCHEDULED: "neutral",
  CONFIRMED: "info",
  ARRIVED: "brand",
  IN_PROGRESS: "warning",
  COMPLETED: "success",
  CANCELLED: "danger",
  NO_SHOW: "danger",
};

export function AppointmentStatusBadge({ status, label }: { status: AppointmentStatus; label: string }) {
  return <Badge tone={TONE[status]}>{label}</Badge>;
}
