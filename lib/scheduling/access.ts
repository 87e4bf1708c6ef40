import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import type { Permission } from "@/lib/auth/permissions";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { fieldErrorsOf } from "@/lib/users/schemas";
import type { AppointmentRef } from "@/lib/engagement/hooks";

// Who sees which appointments, and the loaders every scheduling function shares. A doctor who
// does not also run the front desk works with their own agenda only; anything else is "not
// found" to them, exactly like another clinic's id.

export function assertCan(ctx: Context, permission: Permission): void {
  if (!can(ctx, permission)) throw forbidden();
}

export const ownAgendaOnly = (ctx: Context) => ctx.roles.includes("doctor") && !can(ctx, "appointments:checkin");

/** A `where` fragment limiting appointments (or agendas) to what the actor may see. */
export function visibleDoctor(ctx: Context): { doctorId?: string } {
  if (!ownAgendaOnly(ctx)) return {};
  if (!ctx.user) throw forbidden();
  return { doctorId: ctx.user.id };
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("validation", "Revise os campos destacados.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

export const fieldError = (field: string, message: string) => new AppError("validation", message, { [field]: [message] });

export const agendaSelect = {
  id: true, name: true, doctorId: true, slotMinutes: true, roomId: true, acceptsPrivate: true, active: true,
  workingHours: { select: { weekday: true, startMinute: true, endMinute: true } },
  insurers: { select: { insuranceProviderId: true } },
} as const;

export async function loadAgenda(tx: Tx, ctx: Context, agendaId: string) {
  const agenda = await tx.agenda.findFirst({ where: { id: agendaId, ...visibleDoctor(ctx) }, select: agendaSelect });
  if (!agenda) throw notFound("Agenda");
  return agenda;
}
export type LoadedAgenda = Awaited<ReturnType<typeof loadAgenda>>;

export const toRef = (a: {
  id: string; patientId: string; doctorId: string; agendaId: string | null; startsAt: Date; endsAt: Date;
  modality: "IN_PERSON" | "TELEMEDICINE";
}): AppointmentRef => ({
  id: a.id, patientId: a.patientId, doctorId: a.doctorId, agendaId: a.agendaId,
  startsAt: a.startsAt, endsAt: a.endsAt, modality: a.modality,
});

/** PostgreSQL's exclusion_violation (23P01) on appointments_no_overlap, however the driver wraps it. */
export function isOverlapViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const o = e as { code?: string; originalCode?: string; message?: string; meta?: unknown; cause?: unknown };
    if (o.code === "23P01" || o.originalCode === "23P01") return true;
    if (typeof o.message === "string" && o.message.includes("appointments_no_overlap")) return true;
    if (o instanceof Prisma.PrismaClientKnownRequestError && JSON.stringify(o.meta ?? {}).includes("23P01")) return true;
    e = o.cause;
  }
  return false;
}
