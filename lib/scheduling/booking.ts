import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import { FREE_TEXT, sealText } from "@/lib/crypto/free-text";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { afterAppointmentBooked } from "@/lib/engagement/hooks";
import { notFound } from "@/lib/errors";
import { assertCan, fieldError, isOverlapViolation, loadAgenda, parseInput, toRef, type LoadedAgenda } from "./access";
import { bookAppointmentSchema, localDate, type Slot } from "./schemas";
import { agendaDaySlots, conflictAfterViolation, conflictFor, slotDateOf } from "./slot-check";

// Booking into an agenda. The code checks what it can explain well (working hours, blocks,
// convênio, a visible clash); the exclusion constraint appointments_no_overlap is what makes a
// double booking impossible when two requests race, and its refusal becomes the same message.

export type BookingPlan = {
  agenda: LoadedAgenda;
  startsAt: Date;
  endsAt: Date;
  isEncaixe: boolean;
  encaixeReason?: string;
};

/** Re-validates a requested time against the agenda as stored now (shared with reschedule). */
export async function planSlot(
  tx: Tx, ctx: Context, agenda: LoadedAgenda,
  req: { startsAt: Date; isEncaixe: boolean; encaixeReason?: string; durationMinutes?: number }, now: Date,
): Promise<BookingPlan> {
  if (!agenda.active) throw fieldError("agendaId", "Esta agenda está inativa.");
  const minutes = req.isEncaixe ? (req.durationMinutes ?? agenda.slotMinutes) : agenda.slotMinutes;
  const endsAt = new Date(req.startsAt.getTime() + minutes * 60_000);
  if (endsAt <= now) throw fieldError("startsAt", "Este horário já passou.");
  const plan = { agenda, startsAt: req.startsAt, endsAt, isEncaixe: req.isEncaixe, encaixeReason: req.encaixeReason };
  // An encaixe is deliberate: outside the grid, over a block or over another booking.
  if (req.isEncaixe) return plan;
  const slots = await agendaDaySlots(tx, ctx, agenda, slotDateOf(req.startsAt, ctx), now);
  const slot = slots.find((s) => s.startsAt === req.startsAt.toISOString());
  if (!slot) throw fieldError("startsAt", "Fora do horário de atendimento desta agenda. Para atender assim mesmo, marque como encaixe.");
  if (slot.state === "blocked") throw fieldError("startsAt", `Agenda bloqueada neste horário (${slot.blockReason ?? "bloqueio"}).`);
  if (slot.state === "booked") throw await conflictFor(tx, ctx, agenda.doctorId, plan.startsAt, endsAt);
  return plan;
}

async function checkInsurer(tx: Tx, agenda: LoadedAgenda, insuranceProviderId: string | null): Promise<void> {
  if (insuranceProviderId === null) {
    if (!agenda.acceptsPrivate) throw fieldError("insuranceProviderId", "Esta agenda não atende particular; escolha um convênio aceito.");
    return;
  }
  const provider = await tx.insuranceProvider.findFirst({ where: { id: insuranceProviderId }, select: { name: true, active: true } });
  if (!provider) throw fieldError("insuranceProviderId", "Convênio não encontrado.");
  if (!provider.active || !agenda.insurers.some((i) => i.insuranceProviderId === insuranceProviderId)) {
    throw fieldError("insuranceProviderId", `Esta agenda não aceita o convênio ${provider.name}.`);
  }
}

export const bookedFields = (a: { status: string; startsAt: Date; endsAt: Date; doctorId: string; agendaId: string | null; isEncaixe: boolean }) => ({
  status: a.status, startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString(),
  doctorId: a.doctorId, agendaId: a.agendaId, isEncaixe: a.isEncaixe,
});

/**
 * `beforeAudit`: more work for the booking's own transaction once the appointment is written (an
 * API answer read back and kept for its Idempotency-Key), run before the audit row so that the
 * clinic's audit-chain lock is still taken last.
 */
export type BookingOptions = { beforeAudit?: (tx: Tx, appointmentId: string) => Promise<void> };

export async function bookAppointment(
  ctx: Context, input: unknown, now: Date = new Date(), { beforeAudit }: BookingOptions = {},
): Promise<{ id: string }> {
  assertCan(ctx, "appointments:write");
  const data = parseInput(bookAppointmentSchema, input);
  let doctorId: string | null = null;
  try {
    return await withTenant(ctx, async (tx) => {
      const agenda = await loadAgenda(tx, ctx, data.agendaId);
      doctorId = agenda.doctorId;
      const patient = await tx.patient.findFirst({ where: { id: data.patientId, status: "ACTIVE" }, select: { id: true } });
      if (!patient) throw notFound("Paciente");
      await checkInsurer(tx, agenda, data.insuranceProviderId);
      const plan = await planSlot(tx, ctx, agenda, data, now);
      const created = await tx.appointment.create({
        data: {
          patientId: patient.id, doctorId: agenda.doctorId, agendaId: agenda.id, roomId: agenda.roomId,
          startsAt: plan.startsAt, endsAt: plan.endsAt, modality: data.modality,
          reasonEnc: sealText(ctx.tenantId, FREE_TEXT.appointmentReason, data.reason),
          insuranceProviderId: data.insuranceProviderId, isEncaixe: plan.isEncaixe,
          encaixeReasonEnc: plan.isEncaixe ? sealText(ctx.tenantId, FREE_TEXT.encaixeReason, plan.encaixeReason) : null,
          createdBy: ctx.user?.id ?? null,
        },
      });
      await afterAppointmentBooked(tx, ctx, toRef(created), { now });
      await beforeAudit?.(tx, created.id);
      // Last statement: the audit row takes the clinic's audit-chain lock until commit.
      await recordAudit(tx, ctx, {
        action: "appointment.booked", entityType: "appointment", entityId: created.id,
        metadata: { before: null, after: bookedFields(created) },
      });
      return { id: created.id };
    });
  } catch (error) {
    if (doctorId && isOverlapViolation(error)) {
      const startsAt = data.startsAt;
      throw await conflictAfterViolation(ctx, doctorId, startsAt, new Date(startsAt.getTime() + 60_000));
    }
    throw error;
  }
}

/** Every slot of one agenda's day (free, booked, blocked, past), for the calendar and the API. */
const slotQuery = z.object({ agendaId: z.uuid("Identificador inválido."), date: localDate });

export async function listAgendaSlots(ctx: Context, input: unknown, now: Date = new Date()): Promise<Slot[]> {
  assertCan(ctx, "appointments:read");
  const { agendaId, date } = parseInput(slotQuery, input);
  return withTenant(ctx, async (tx) => agendaDaySlots(tx, ctx, await loadAgenda(tx, ctx, agendaId), date, now));
}

export async function listFreeSlots(ctx: Context, input: unknown, now: Date = new Date()): Promise<Slot[]> {
  return (await listAgendaSlots(ctx, input, now)).filter((s) => s.state === "free");
}
