import type { Tx } from "@/lib/db/client";
import type { ReminderChannel, ReminderStatus } from "@/lib/generated/prisma/enums";
import { DELIVERABLE_CHANNELS, reachFor } from "./channels";

// Reminder rows are planned when an appointment is booked, one per tenant offset per channel.
// A channel the patient did not consent to still gets a row, SKIPPED_NO_CONSENT, so the front
// desk can see why no reminder went out; the dispatcher only ever picks PENDING rows. Offsets
// already in the past at booking time are not planned (a 24 h reminder for a visit in 3 h).

export type ReminderPlan = { channel: ReminderChannel; offsetMinutes: number; scheduledFor: Date; status: ReminderStatus; lastError: string | null };

const REFUSAL_TEXT = { no_consent: "Sem consentimento do paciente para este canal.", no_contact: "Paciente sem contato cadastrado para este canal." };

export async function planReminders(
  tx: Tx,
  appointment: { id: string; patientId: string; startsAt: Date },
  offsetsMinutes: readonly number[],
  now: Date,
): Promise<ReminderPlan[]> {
  const patient = await tx.patient.findFirst({
    where: { id: appointment.patientId },
    select: { email: true, phone: true, consentEmail: true, consentSms: true, consentWhatsapp: true },
  });
  if (!patient) return [];
  const plans: ReminderPlan[] = [];
  for (const offsetMinutes of new Set(offsetsMinutes)) {
    const scheduledFor = new Date(appointment.startsAt.getTime() - offsetMinutes * 60_000);
    if (scheduledFor <= now) continue;
    for (const channel of DELIVERABLE_CHANNELS) {
      const reach = reachFor(channel, patient);
      const refused = "refused" in reach ? reach.refused : null;
      plans.push({
        channel, offsetMinutes, scheduledFor,
        status: refused ? "SKIPPED_NO_CONSENT" : "PENDING",
        lastError: refused ? REFUSAL_TEXT[refused] : null,
      });
    }
  }
  if (plans.length > 0) {
    await tx.appointmentReminder.createMany({
      data: plans.map((p) => ({ appointmentId: appointment.id, ...p })),
      skipDuplicates: true,
    });
  }
  return plans;
}

/** A moved or cancelled appointment must not be reminded: its pending reminders are cancelled. */
export async function cancelPendingReminders(tx: Tx, appointmentId: string, why: string): Promise<number> {
  const { count } = await tx.appointmentReminder.updateMany({
    where: { appointmentId, status: "PENDING" },
    data: { status: "CANCELLED", lastError: why },
  });
  return count;
}
