import { z } from "zod";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { forbidden, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/users/parse";

// What staff see of an appointment's follow-up: the TCLE of a teleconsulta and each reminder
// with its attempts. For the appointment detail page (scheduling) to show next to the status.

export type AppointmentEngagement = {
  modality: "IN_PERSON" | "TELEMEDICINE";
  telemedicineConsentAt: string | null;
  reminders: {
    id: string; channel: "EMAIL" | "SMS" | "PUSH" | "WHATSAPP"; scheduledFor: string;
    status: "PENDING" | "SENT" | "FAILED" | "CANCELLED" | "SKIPPED_NO_CONSENT"; attempts: number; lastError: string | null; sentAt: string | null;
  }[];
};

export async function getAppointmentEngagement(ctx: Context, id: unknown): Promise<AppointmentEngagement> {
  if (!can(ctx, "appointments:read")) throw forbidden();
  const appointmentId = parseInput(z.uuid("Identificador inválido."), id);
  const ownOnly = ctx.roles.includes("doctor") && !can(ctx, "appointments:checkin");
  return withTenant(ctx, async (tx) => {
    const a = await tx.appointment.findFirst({
      where: { id: appointmentId, ...(ownOnly && ctx.user ? { doctorId: ctx.user.id } : {}) },
      select: {
        modality: true, telemedicineConsentAt: true,
        reminders: {
          orderBy: [{ scheduledFor: "asc" }, { channel: "asc" }],
          select: { id: true, channel: true, scheduledFor: true, status: true, attempts: true, lastError: true, sentAt: true },
        },
      },
    });
    if (!a) throw notFound("Consulta");
    return {
      modality: a.modality,
      telemedicineConsentAt: a.telemedicineConsentAt?.toISOString() ?? null,
      reminders: a.reminders.map((r) => ({
        id: r.id, channel: r.channel, scheduledFor: r.scheduledFor.toISOString(), status: r.status, attempts: r.attempts,
        lastError: r.lastError, sentAt: r.sentAt?.toISOString() ?? null,
      })),
    };
  });
}
