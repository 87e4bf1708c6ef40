import type { Tx } from "@/lib/db/client";
import type { Context } from "@/lib/context";

// The seam between booking (lib/scheduling) and what follows a change to an appointment:
// reminders, waitlist offers, telemedicine rooms. Scheduling calls these inside its own
// transaction, so follow-up rows commit or roll back with the change that caused them.

export type AppointmentRef = {
  id: string;
  patientId: string;
  doctorId: string;
  agendaId: string | null;
  startsAt: Date;
  endsAt: Date;
  modality: "IN_PERSON" | "TELEMEDICINE";
};

/** After a booking (including the new appointment of a reschedule). */
export async function afterAppointmentBooked(tx: Tx, ctx: Context, appointment: AppointmentRef): Promise<void> {
  void tx;
  void ctx;
  void appointment;
}

/** After a reschedule: `previous` is the cancelled original, `next` the new booking. */
export async function afterAppointmentRescheduled(
  tx: Tx,
  ctx: Context,
  previous: AppointmentRef,
  next: AppointmentRef,
): Promise<void> {
  void tx;
  void ctx;
  void previous;
  void next;
}

/** After a cancellation or no-show frees the slot. */
export async function afterAppointmentCancelled(tx: Tx, ctx: Context, appointment: AppointmentRef): Promise<void> {
  void tx;
  void ctx;
  void appointment;
}
