import type { AuditEntry } from "@/lib/audit/record";
import type { Tx } from "@/lib/db/client";
import type { TenantSettings } from "@/lib/tenancy/settings";
import type { AppointmentRef } from "./hooks";

// A freed slot goes to the first matching WAITING entry (oldest first): same doctor or no
// preference, slot inside the entry's window. The offer holds for waitlistOfferMinutes (never
// past the slot's start). The message is sent by the worker, which picks up OFFERED entries
// not yet notified: writing the offer here, in the caller's transaction, means a cancellation
// that rolls back never sends an offer (transactional outbox). The audit entries are returned,
// not written: the caller writes them as the last statements of its transaction.

type Slot = Pick<AppointmentRef, "doctorId" | "agendaId" | "startsAt" | "endsAt" | "modality"> & { sourceId: string | null; excludePatientId?: string };

const ACTIVE = ["SCHEDULED", "CONFIRMED", "ARRIVED", "IN_PROGRESS", "COMPLETED"] as const;

/** Whether the doctor's time is still free (someone may have booked it since it was freed). */
async function slotIsFree(tx: Tx, slot: Slot): Promise<boolean> {
  const clash = await tx.appointment.count({
    where: { doctorId: slot.doctorId, status: { in: [...ACTIVE] }, isEncaixe: false, startsAt: { lt: slot.endsAt }, endsAt: { gt: slot.startsAt } },
  });
  return clash === 0;
}

export type Offer = { entryId: string; audit: AuditEntry };

export async function offerSlot(tx: Tx, settings: TenantSettings, slot: Slot, now: Date): Promise<Offer | null> {
  if (slot.startsAt <= now || !(await slotIsFree(tx, slot))) return null;
  const candidates = await tx.waitlistEntry.findMany({
    where: {
      status: "WAITING",
      OR: [{ doctorId: null }, { doctorId: slot.doctorId }],
      earliest: { lte: slot.startsAt },
      latest: { gte: slot.endsAt },
      ...(slot.excludePatientId ? { patientId: { not: slot.excludePatientId } } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 10,
    select: { id: true, patientId: true },
  });
  const holdMs = settings.scheduling.waitlistOfferMinutes * 60_000;
  const expiresAt = new Date(Math.min(now.getTime() + holdMs, slot.startsAt.getTime()));
  for (const entry of candidates) {
    // Conditional update: a concurrent offer of another slot to the same entry wins or loses here.
    const { count } = await tx.waitlistEntry.updateMany({
      where: { id: entry.id, status: "WAITING" },
      data: {
        status: "OFFERED", offeredStartsAt: slot.startsAt, offeredEndsAt: slot.endsAt, offeredDoctorId: slot.doctorId,
        offeredAgendaId: slot.agendaId, offeredModality: slot.modality, offerSourceId: slot.sourceId,
        offeredAt: now, offerExpiresAt: expiresAt, offerNotifiedAt: null,
      },
    });
    if (count === 1) {
      return {
        entryId: entry.id,
        audit: {
          action: "waitlist.offered", entityType: "waitlist_entry", entityId: entry.id,
          metadata: { sourceAppointmentId: slot.sourceId, startsAt: slot.startsAt.toISOString(), expiresAt: expiresAt.toISOString() },
        },
      };
    }
  }
  return null;
}

/** Offers that ran out become EXPIRED and their slot goes to the next entry (audit entries returned, in order). */
export async function expireOffers(tx: Tx, settings: TenantSettings, now: Date): Promise<{ expired: number; reoffered: number; audit: AuditEntry[] }> {
  const due = await tx.waitlistEntry.findMany({
    where: { status: "OFFERED", offerExpiresAt: { lte: now } },
    orderBy: { offerExpiresAt: "asc" },
    take: 200,
  });
  let reoffered = 0;
  const audit: AuditEntry[] = [];
  for (const e of due) {
    const { count } = await tx.waitlistEntry.updateMany({ where: { id: e.id, status: "OFFERED" }, data: { status: "EXPIRED" } });
    if (count === 0) continue;
    audit.push({ action: "waitlist.offer_expired", entityType: "waitlist_entry", entityId: e.id });
    const next = await offerSlot(tx, settings, {
      doctorId: e.offeredDoctorId!, agendaId: e.offeredAgendaId, startsAt: e.offeredStartsAt!, endsAt: e.offeredEndsAt!,
      modality: e.offeredModality ?? "IN_PERSON", sourceId: e.offerSourceId, excludePatientId: e.patientId,
    }, now);
    if (next) {
      reoffered++;
      audit.push(next.audit);
    }
  }
  return { expired: due.length, reoffered, audit };
}
