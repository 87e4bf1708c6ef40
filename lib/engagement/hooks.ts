import type { AuditEntry } from "@/lib/audit/record";
import type { Tx } from "@/lib/db/client";
import type { Context } from "@/lib/context";
import { cancelPendingReminders, planReminders } from "./reminders-plan";
import { carryTelemedicineConsent, ensureTelemedicineRoom } from "./telemedicine";
import { tenantSettings } from "./tenant-facts";
import { offerSlot } from "./waitlist-offers";

// The seam between booking (lib/scheduling) and what follows a change to an appointment:
// reminders, waitlist offers, telemedicine rooms. Scheduling calls these inside its own
// transaction, so follow-up rows commit or roll back with the change that caused them.
// Nothing here sends anything: the worker (lib/jobs) delivers what these rows describe.
// Hooks never write audit rows themselves: they return them, and the caller writes them as the
// last statements of its transaction (the audit chain lock is held from the first audit insert
// to the commit; see lib/audit/record.ts).

export type AppointmentRef = {
  id: string;
  patientId: string;
  doctorId: string;
  agendaId: string | null;
  startsAt: Date;
  endsAt: Date;
  modality: "IN_PERSON" | "TELEMEDICINE";
};

/** Optional, so existing callers need no change: tests (and callers with an injected clock) pass `now`. */
export type HookOptions = { now?: Date };

/** After a booking. Audits nothing. */
export async function afterAppointmentBooked(tx: Tx, ctx: Context, appointment: AppointmentRef, options: HookOptions = {}): Promise<void> {
  const settings = await tenantSettings(tx, ctx.tenantId);
  await followUpBooking(tx, appointment, settings.scheduling.reminderOffsetsMinutes, options.now ?? new Date());
}

async function followUpBooking(tx: Tx, appointment: AppointmentRef, offsetsMinutes: readonly number[], now: Date): Promise<void> {
  if (appointment.modality === "TELEMEDICINE") await ensureTelemedicineRoom(tx, appointment.id);
  await planReminders(tx, appointment, offsetsMinutes, now);
}

/**
 * After a reschedule: `previous` is the cancelled original, `next` the new booking. Does for
 * `next` what afterAppointmentBooked does (the caller need not call both), and returns the audit
 * entries (a waitlist offer of the freed slot) for the caller to write last.
 */
export async function afterAppointmentRescheduled(
  tx: Tx,
  ctx: Context,
  previous: AppointmentRef,
  next: AppointmentRef,
  options: HookOptions = {},
): Promise<AuditEntry[]> {
  const now = options.now ?? new Date();
  const settings = await tenantSettings(tx, ctx.tenantId);
  await cancelPendingReminders(tx, previous.id, "Consulta remarcada.");
  // Planning is idempotent (one row per channel and offset), so a caller that also ran
  // afterAppointmentBooked for `next` changes nothing here.
  await followUpBooking(tx, next, settings.scheduling.reminderOffsetsMinutes, now);
  if (next.modality === "TELEMEDICINE") await carryTelemedicineConsent(tx, previous.id, next.id);
  const offer = await offerSlot(tx, settings, { ...previous, sourceId: previous.id, excludePatientId: previous.patientId }, now);
  return offer ? [offer.audit] : [];
}

/** After a cancellation or no-show frees the slot; returns the audit entries for the caller to write last. */
export async function afterAppointmentCancelled(tx: Tx, ctx: Context, appointment: AppointmentRef, options: HookOptions = {}): Promise<AuditEntry[]> {
  const now = options.now ?? new Date();
  await cancelPendingReminders(tx, appointment.id, "Consulta cancelada.");
  const settings = await tenantSettings(tx, ctx.tenantId);
  const offer = await offerSlot(tx, settings, { ...appointment, sourceId: appointment.id, excludePatientId: appointment.patientId }, now);
  return offer ? [offer.audit] : [];
}
