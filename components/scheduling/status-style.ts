import type { AppointmentStatus } from "@/lib/appointments/schemas";

// Calendar block colours per status; the status is also written in text (colour only reinforces).
export const STATUS_BLOCK: Record<AppointmentStatus, string> = {
  SCHEDULED: "bg-surface border-slate-400 text-slate-800",
  CONFIRMED: "bg-info-bg border-info-border text-info-fg",
  ARRIVED: "bg-brand-50 border-brand-200 text-brand-800",
  IN_PROGRESS: "bg-warning-bg border-warning-border text-warning-fg",
  COMPLETED: "bg-success-bg border-success-border text-success-fg",
  CANCELLED: "bg-danger-bg border-danger-border text-danger-fg",
  NO_SHOW: "bg-danger-bg border-danger-border text-danger-fg",
};
