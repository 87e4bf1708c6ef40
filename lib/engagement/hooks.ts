import type { Tx } from "@/lib/db/client";
import type { Context } from "@/lib/context";
import { cancelPendingReminders, planReminders } from "./reminders-plan";
import { carryTelemedicineConsent, ensureTelemedicineRoom } from "./telemedicine";
import { tenantFacts } from "./tenant-facts";
import { offerSlot } from "./waitlist-offers";

// The seam between booking (lib/scheduling) and what follows a change to an appointment:
// reminders, waitlist offers, telemedicine rooms. Scheduling calls these inside its own
// transaction, so follow-up rows commit or roll back with the change that caused them.
// Nothing here sends anything: the worker (lib/jobs) delivers what these rows describe.

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

/** After a booking (including the new appointment of a reschedule). */
export async function afterAppointmentBooked(tx: Tx, ctx: Context, appointment: AppointmentRef, options: HookOptions = {}): Promise<void> {
  const now = options.now ?? new Date();
  const tenant = await tenantFacts(tx, ctx.tenantId);
  if (appointment.modality === "TELEMEDICINE") await ensureTelemedicineRoom(tx, appointment.id);
  await planReminders(tx, appointment, tenant.settings.scheduling.reminderOffsetsMinutes, now);
}

/** After a reschedule: `previous` is the cancelled original, `next` the new booking. */
export async function afterAppointmentRescheduled(
  tx: Tx,
  ctx: Context,
  previous: AppointmentRef,
  next: AppointmentRef,
  options: HookOptions = {},
): Promise<void> {
  const now = options.now ?? new Date();
  await cancelPendingReminders(tx, previous.id, "Consulta remarcada.");
  if (next.modality === "TELEMEDICINE") {
    await ensureTelemedicineRoom(tx, next.id);
    await carryTelemedicineConsent(tx, previous.id, next.id);
  }
  // Reminders of `next` are planned by afterAppointmentBooked, which booking calls for it too;
  // planning is idempotent (one row per channel and offset), so a second call changes nothing.
  const tenant = await tenantFacts(tx, ctx.tenantId);
  await planReminders(tx, next, tenant.settings.scheduling.reminderOffsetsMinutes, now);
  await offerSlot(tx, ctx, tenant, { ...previous, sourceId: previous.id, excludePatientId: previous.patientId }, now);
}

/** After a cancellation or no-show frees the slot. */
export async function afterAppointmentCancelled(tx: Tx, ctx: Context, appointment: AppointmentRef, options: HookOptions = {}): Promise<void> {
  const now = options.now ?? new Date();
  await cancelPendingReminders(tx, appointment.id, "Consulta cancelada.");
  const tenant = await tenantFacts(tx, ctx.tenantId);
  await offerSlot(tx, ctx, tenant, { ...appointment, sourceId: appointment.id, excludePatientId: appointment.patientId }, now);
}
