import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import { FREE_TEXT, sealText } from "@/lib/crypto/free-text";
import { withTenant } from "@/lib/db/tenant";
import { afterAppointmentRescheduled } from "@/lib/engagement/hooks";
import { AppError, notFound } from "@/lib/errors";
import { assertCan, isOverlapViolation, loadAgenda, parseInput, toRef, visibleDoctor } from "./access";
import { bookedFields, planSlot } from "./booking";
import { rescheduleSchema } from "./schemas";
import { conflictAfterViolation } from "./slot-check";
import { applyTransition } from "./status/moves";

// A reschedule is a new appointment pointing back at the original (rescheduled_from_id), and the
// original cancelled with reason "reagendado": history stays whole, and the follow-ups of the old
// time (reminders) are withdrawn by the engagement hook. One transaction: the original is freed
// first, so moving a booking by less than its length does not collide with itself.

export const RESCHEDULED_REASON = "reagendado";

export async function rescheduleAppointment(ctx: Context, id: string, input: unknown, now: Date = new Date()): Promise<{ id: string }> {
  assertCan(ctx, "appointments:write");
  const appointmentId = parseInput(z.uuid("Identificador inválido."), id);
  const data = parseInput(rescheduleSchema, input);
  let doctorId: string | null = null;
  try {
    return await withTenant(ctx, async (tx) => {
      const original = await tx.appointment.findFirst({
        where: { id: appointmentId, ...visibleDoctor(ctx) },
        select: { status: true, startsAt: true, patientId: true, modality: true, reasonEnc: true, legacyReason: true, insuranceProviderId: true, agendaId: true },
      });
      if (!original) throw notFound("Consulta");
      if (original.status !== "SCHEDULED" && original.status !== "CONFIRMED") {
        throw new AppError("conflict", "Só consultas agendadas ou confirmadas podem ser reagendadas.");
      }
      if (original.startsAt.getTime() === data.startsAt.getTime() && (!data.agendaId || data.agendaId === original.agendaId)) {
        throw new AppError("validation", "Escolha um horário diferente do atual.", { startsAt: ["Escolha um horário diferente do atual."] });
      }
      const cancelled = await applyTransition(tx, ctx, appointmentId, "CANCELLED", RESCHEDULED_REASON, now, { notify: false });
      const previous = cancelled.appointment;
      const agendaId = data.agendaId ?? original.agendaId;
      if (!agendaId) throw new AppError("validation", "Escolha a agenda.", { agendaId: ["Escolha a agenda."] });
      const agenda = await loadAgenda(tx, ctx, agendaId);
      doctorId = agenda.doctorId;
      const plan = await planSlot(tx, ctx, agenda, data, now);
      const next = await tx.appointment.create({
        data: {
          patientId: original.patientId, doctorId: agenda.doctorId, agendaId: agenda.id, roomId: agenda.roomId,
          startsAt: plan.startsAt, endsAt: plan.endsAt, modality: original.modality,
          // The same visit: the reason moves along (re-sealed when the old row predates the backfill).
          reasonEnc: original.reasonEnc ?? sealText(ctx.tenantId, FREE_TEXT.appointmentReason, original.legacyReason),
          insuranceProviderId: original.insuranceProviderId, isEncaixe: plan.isEncaixe,
          encaixeReasonEnc: plan.isEncaixe ? sealText(ctx.tenantId, FREE_TEXT.encaixeReason, plan.encaixeReason) : null,
          rescheduledFromId: appointmentId,
          createdBy: ctx.user?.id ?? null,
        },
      });
      // The hook also does what afterAppointmentBooked does for the new appointment.
      const followUp = await afterAppointmentRescheduled(tx, ctx, toRef(previous), toRef(next), { now });
      // Audit last (the chain lock is held until commit), in the order things happened.
      const audit = [...cancelled.audit, {
        action: "appointment.rescheduled", entityType: "appointment", entityId: next.id,
        metadata: { before: { id: appointmentId, startsAt: previous.startsAt.toISOString() }, after: bookedFields(next) },
      }, ...followUp];
      for (const entry of audit) await recordAudit(tx, ctx, entry);
      return { id: next.id };
    });
  } catch (error) {
    if (doctorId && isOverlapViolation(error)) throw await conflictAfterViolation(ctx, doctorId, data.startsAt, new Date(data.startsAt.getTime() + 60_000), appointmentId);
    throw error;
  }
}
