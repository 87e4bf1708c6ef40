import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { formatDate, formatTime } from "@/lib/format/date";
import { type LoadedAgenda } from "./access";
import { ACTIVE_STATUSES, type Slot } from "./schemas";
import { computeSlots } from "./slots";
import { localDateOf, localDayBounds } from "./time";

// The slots of an agenda's day as stored right now, and the conflict message both the code check
// and the database's exclusion constraint end in.

export async function agendaDaySlots(tx: Tx, ctx: Context, agenda: LoadedAgenda, date: string, now: Date): Promise<Slot[]> {
  const { from, to } = localDayBounds(date, ctx.timeZone);
  // One after the other: queries on a transaction share one connection (no Promise.all on tx).
  const blocks = await tx.agendaBlock.findMany({
    where: { agendaId: agenda.id, startsAt: { lt: to }, endsAt: { gt: from } },
    select: { startsAt: true, endsAt: true, reason: true },
  });
  // The doctor's time, whichever of their agendas it was booked on.
  const appointments = await tx.appointment.findMany({
    where: { doctorId: agenda.doctorId, startsAt: { lt: to }, endsAt: { gt: from }, status: { in: [...ACTIVE_STATUSES] } },
    select: { startsAt: true, endsAt: true },
  });
  return computeSlots({
    date, timeZone: ctx.timeZone, slotMinutes: agenda.slotMinutes, workingHours: agenda.workingHours, blocks, appointments, now,
  });
}

export const slotDateOf = (startsAt: Date, ctx: Context) => localDateOf(startsAt, ctx.timeZone);

type Conflict = { startsAt: Date; endsAt: Date; patient: { fullName: string; socialName: string | null }; doctor: { name: string } };

async function findConflict(tx: Tx, doctorId: string, startsAt: Date, endsAt: Date, excludeId?: string): Promise<Conflict | null> {
  return tx.appointment.findFirst({
    where: { doctorId, ...(excludeId ? { id: { not: excludeId } } : {}), startsAt: { lt: endsAt }, endsAt: { gt: startsAt }, status: { in: [...ACTIVE_STATUSES] } },
    orderBy: [{ isEncaixe: "asc" }, { startsAt: "asc" }],
    select: { startsAt: true, endsAt: true, patient: { select: { fullName: true, socialName: true } }, doctor: { select: { name: true } } },
  });
}

/** "Horário ocupado: Dra. Ana Souza já atende Maria Lima das 14:00 às 14:30 de 25/11/2026." */
export function conflictError(ctx: Context, c: Conflict | null): AppError {
  if (!c) return new AppError("conflict", "Este horário acabou de ser ocupado. Escolha outro horário.", { startsAt: ["Horário ocupado."] });
  // Only someone who may read the patient list learns who holds the slot.
  const who = can(ctx, "patients:read") ? (c.patient.socialName ?? c.patient.fullName) : "outro paciente";
  const message = `Horário ocupado: ${c.doctor.name} já atende ${who} das ${formatTime(c.startsAt, ctx.timeZone)} às ${formatTime(c.endsAt, ctx.timeZone)} de ${formatDate(c.startsAt, ctx.timeZone)}. Escolha outro horário ou marque como encaixe.`;
  return new AppError("conflict", message, { startsAt: [message] });
}

export async function conflictFor(tx: Tx, ctx: Context, doctorId: string, startsAt: Date, endsAt: Date): Promise<AppError> {
  return conflictError(ctx, await findConflict(tx, doctorId, startsAt, endsAt));
}

/** After the exclusion constraint refused a write, the first transaction is gone: look in a new one. */
export async function conflictAfterViolation(ctx: Context, doctorId: string, startsAt: Date, endsAt: Date, excludeId?: string): Promise<AppError> {
  return withTenant(ctx, async (tx) => conflictError(ctx, await findConflict(tx, doctorId, startsAt, endsAt, excludeId)));
}
