import { FREE_TEXT, openText } from "@/lib/crypto/free-text";
import type { AppointmentView } from "./schemas";

// The one shape an appointment leaves the domain in (pages, server actions, /api/v1). The free
// text (reason, encaixe and cancellation reasons) is sealed at rest and opened here.

export const appointmentSelect = {
  id: true, tenantId: true, startsAt: true, endsAt: true, status: true, modality: true, isEncaixe: true,
  encaixeReasonEnc: true, legacyEncaixeReason: true, reasonEnc: true, legacyReason: true,
  confirmedAt: true, arrivedAt: true, startedAt: true, completedAt: true, cancelledAt: true, cancelledBy: true,
  cancellationReasonEnc: true, legacyCancellationReason: true, rescheduledFromId: true, createdAt: true,
  previousStatus: true, statusChangedBy: true, statusChangedAt: true,
  patient: { select: { id: true, fullName: true, socialName: true } },
  doctor: { select: { id: true, name: true } },
  agenda: { select: { id: true, name: true } },
  room: { select: { name: true } },
  insuranceProvider: { select: { id: true, name: true } },
} as const;

type Row = {
  id: string; tenantId: string; startsAt: Date; endsAt: Date; status: AppointmentView["status"]; modality: AppointmentView["modality"];
  isEncaixe: boolean; encaixeReasonEnc: string | null; legacyEncaixeReason: string | null; reasonEnc: string | null; legacyReason: string | null;
  confirmedAt: Date | null; arrivedAt: Date | null; startedAt: Date | null; completedAt: Date | null;
  cancelledAt: Date | null; cancelledBy: string | null; cancellationReasonEnc: string | null; legacyCancellationReason: string | null;
  rescheduledFromId: string | null; createdAt: Date;
  previousStatus: AppointmentView["status"] | null; statusChangedBy: string | null; statusChangedAt: Date | null;
  patient: { id: string; fullName: string; socialName: string | null };
  doctor: { id: string; name: string };
  agenda: { id: string; name: string } | null;
  room: { name: string } | null;
  insuranceProvider: { id: string; name: string } | null;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toView(r: Row, names: ReadonlyMap<string, string> = new Map()): AppointmentView {
  const text = (column: Parameters<typeof openText>[1], sealed: string | null, legacy: string | null) => openText(r.tenantId, column, sealed, legacy);
  return {
    id: r.id, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString(), status: r.status, modality: r.modality,
    isEncaixe: r.isEncaixe,
    encaixeReason: text(FREE_TEXT.encaixeReason, r.encaixeReasonEnc, r.legacyEncaixeReason),
    reason: text(FREE_TEXT.appointmentReason, r.reasonEnc, r.legacyReason),
    // The social name is the one a person is called by (Decreto 8.727/2016).
    patient: { id: r.patient.id, name: r.patient.socialName ?? r.patient.fullName, civilName: r.patient.fullName },
    doctor: r.doctor, agenda: r.agenda, room: r.room?.name ?? null, insurance: r.insuranceProvider,
    confirmedAt: iso(r.confirmedAt), arrivedAt: iso(r.arrivedAt), startedAt: iso(r.startedAt), completedAt: iso(r.completedAt),
    cancelledAt: iso(r.cancelledAt), cancelledByName: r.cancelledBy ? (names.get(r.cancelledBy) ?? null) : null,
    cancellationReason: text(FREE_TEXT.cancellationReason, r.cancellationReasonEnc, r.legacyCancellationReason), rescheduledFromId: r.rescheduledFromId, createdAt: r.createdAt.toISOString(),
    // Set only while the last move can still be undone (lib/scheduling/status/revert.ts decides who and until when).
    lastChange: r.previousStatus && r.statusChangedAt ? {
      from: r.previousStatus, byId: r.statusChangedBy, byName: r.statusChangedBy ? (names.get(r.statusChangedBy) ?? null) : null,
      at: r.statusChangedAt.toISOString(),
    } : null,
  };
}
