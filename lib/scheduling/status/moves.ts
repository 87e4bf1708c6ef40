import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { can } from "@/lib/auth/policy";
import type { Permission } from "@/lib/auth/permissions";
import type { Context } from "@/lib/context";
import { FREE_TEXT, sealText } from "@/lib/crypto/free-text";
import { formatDate, formatTime } from "@/lib/format/date";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { afterAppointmentCancelled } from "@/lib/engagement/hooks";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { AppointmentStatus } from "@/lib/generated/prisma/enums";
import { parseTenantSettings } from "@/lib/tenancy/settings";
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { assertCan, parseInput, toRef, visibleDoctor } from "../access";
import { canMove, DAY_BOUND_STATUSES, NEXT_STATUS, transitionSchema, UNDOABLE_STATUSES, type TransitionTarget } from "../schemas";
import { StatusError, type StatusParams, type StatusRefusal } from "./errors";
import { localDateOf } from "../time";

// The status machine of an appointment (NEXT_STATUS in schemas.ts). Each move is a conditional
// update on the status it was read in, so two clicks racing cannot both apply; each is audited
// with before and after. Cancellation and no-show free the slot (the constraint ignores them).
// applyTransition returns its audit entries instead of writing them: every caller writes them as
// the last statements of its transaction (see lib/audit/record.ts, "audit last").

export const PERMISSION: Record<TransitionTarget, Permission> = {
  CONFIRMED: "appointments:write",
  ARRIVED: "appointments:checkin",
  // Starting and finishing a consultation are clinical acts.
  IN_PROGRESS: "records:write",
  COMPLETED: "records:write",
  CANCELLED: "appointments:write",
  NO_SHOW: "appointments:write",
};

export const STAMP: Record<TransitionTarget, "confirmedAt" | "arrivedAt" | "startedAt" | "completedAt" | "cancelledAt" | null> = {
  CONFIRMED: "confirmedAt", ARRIVED: "arrivedAt", IN_PROGRESS: "startedAt", COMPLETED: "completedAt", CANCELLED: "cancelledAt", NO_SHOW: null,
};

const STATUS_NAMES: Record<AppointmentStatus, string> = {
  SCHEDULED: "agendada", CONFIRMED: "confirmada", ARRIVED: "com chegada registrada", IN_PROGRESS: "em atendimento",
  COMPLETED: "concluída", CANCELLED: "cancelada", NO_SHOW: "marcada como falta",
};

export const appointmentRefSelect = {
  id: true, status: true, patientId: true, doctorId: true, agendaId: true, startsAt: true, endsAt: true, modality: true,
} as const;

/**
 * Applies one move inside the caller's transaction (reschedule cancels the original this way).
 * Returns the moved appointment and the audit entries the caller must write, last.
 */
export async function applyTransition(
  tx: Tx, ctx: Context, id: string, to: TransitionTarget, reason: string | undefined, now: Date,
  extra: { patientId?: string; by?: "staff" | "patient"; notify?: boolean } = {},
) {
  const current = await tx.appointment.findFirst({
    where: { id, ...(extra.patientId ? { patientId: extra.patientId } : visibleDoctor(ctx)) }, select: appointmentRefSelect,
  });
  if (!current) throw notFound("Consulta");
  if (!canMove(current.status, to)) {
    throw new AppError("conflict", `Uma consulta ${STATUS_NAMES[current.status]} não pode passar a ${STATUS_NAMES[to]}.`);
  }
  const untimely = timeRefusal(current.startsAt, to, now, ctx.timeZone);
  if (untimely) throw untimely;
  const stamp = STAMP[to];
  const changed = await tx.appointment.updateMany({
    where: { id, status: current.status },
    data: {
      status: to,
      ...(stamp ? { [stamp]: now } : {}),
      ...(to === "CANCELLED" ? { cancelledBy: ctx.user?.id ?? null, cancellationReasonEnc: sealText(ctx.tenantId, FREE_TEXT.cancellationReason, reason) } : {}),
      // What an undo needs (revert.ts); a move that cannot be undone clears the way back.
      previousStatus: UNDOABLE_STATUSES.includes(to) ? current.status : null,
      statusChangedBy: ctx.user?.id ?? null, statusChangedAt: now, revertReasonEnc: null,
    },
  });
  if (changed.count !== 1) throw new AppError("conflict", "A consulta foi alterada por outra pessoa. Recarregue a página.");
  const audit: AuditEntry[] = [{
    action: "appointment.status_changed", entityType: "appointment", entityId: id,
    metadata: { before: { status: current.status }, after: { status: to }, by: extra.by ?? "staff", ...(reason ? { hasReason: true } : {}) },
  }];
  if ((to === "CANCELLED" || to === "NO_SHOW") && extra.notify !== false) audit.push(...(await afterAppointmentCancelled(tx, ctx, toRef(current), { now })));
  return { appointment: { ...current, status: to as AppointmentStatus }, audit };
}

/** applyTransition as the whole of a transaction's work: the audit rows go last. */
export async function transitionAndAudit(...args: Parameters<typeof applyTransition>) {
  const [tx, ctx] = args;
  const { appointment, audit } = await applyTransition(...args);
  for (const entry of audit) await recordAudit(tx, ctx, entry);
  return appointment;
}

export async function transitionAppointment(ctx: Context, id: string, input: unknown, now: Date = new Date()): Promise<{ id: string; status: AppointmentStatus }> {
  const { to, reason } = parseInput(transitionSchema, input);
  const appointmentId = parseInput(z.uuid("Identificador inválido."), id);
  assertCan(ctx, "appointments:read");
  if (!can(ctx, PERMISSION[to])) throw forbidden();
  const done = await withTenant(ctx, (tx) => transitionAndAudit(tx, ctx, appointmentId, to, reason, now));
  return { id: done.id, status: done.status };
}

const patientCancelSchema = z.object({
  appointmentId: z.uuid("Identificador inválido."),
  patientId: z.uuid("Identificador inválido."),
  reason: text().trim().max(300).optional().transform((v) => v || "cancelado pelo paciente"),
});

/**
 * Cancellation asked by the patient (portal, reminder link). The caller has already proved who
 * the patient is (session or signed link) and passes their id: another patient's appointment is
 * not found. The clinic's minimum notice (settings.scheduling.minCancellationNoticeHours) applies.
 */
export async function cancelAppointmentAsPatient(ctx: Context, input: unknown, now: Date = new Date()): Promise<{ id: string }> {
  const { appointmentId, patientId, reason } = parseInput(patientCancelSchema, input);
  return withTenant(ctx, async (tx) => {
    // One query at a time: a transaction is one connection (pg refuses overlapping queries).
    const appointment = await tx.appointment.findFirst({ where: { id: appointmentId, patientId }, select: { startsAt: true } });
    if (!appointment) throw notFound("Consulta");
    const tenant = await tx.tenant.findFirst({ where: { id: ctx.tenantId }, select: { settings: true } });
    const hours = parseTenantSettings(tenant?.settings).scheduling.minCancellationNoticeHours;
    if (appointment.startsAt.getTime() - now.getTime() < hours * 3_600_000) {
      throw new AppError("unprocessable", `Cancelamentos precisam de ao menos ${hours} horas de antecedência. Para cancelar agora, fale com a clínica.`);
    }
    const done = await transitionAndAudit(tx, ctx, appointmentId, "CANCELLED", reason, now, { patientId, by: "patient" });
    return { id: done.id };
  });
}

/**
 * Why `to` cannot happen at `now` for an appointment starting at `startsAt`, or null: check-in,
 * start and no-show belong to the appointment's day in the clinic's time zone, and a no-show
 * to after its start.
 */
export function timeRefusal(startsAt: Date, to: AppointmentStatus, now: Date, timeZone: string): StatusError | null {
  if (DAY_BOUND_STATUSES.includes(to) && localDateOf(startsAt, timeZone) !== localDateOf(now, timeZone)) {
    return new StatusError("notOnTheDay", { date: formatDate(startsAt, timeZone) });
  }
  if (to === "NO_SHOW" && startsAt > now) return new StatusError("noShowBeforeStart", { time: formatTime(startsAt, timeZone) });
  return null;
}

type Movable = { status: AppointmentStatus; startsAt: string };
const permitted = (ctx: Context, a: Movable) => (NEXT_STATUS_TARGETS[a.status] ?? []).filter((to) => can(ctx, PERMISSION[to]));

/** The moves this actor may offer for an appointment now (buttons on the detail page, "my day"). */
export function allowedMoves(ctx: Context, a: Movable, now: Date = new Date()): TransitionTarget[] {
  return permitted(ctx, a).filter((to) => !timeRefusal(new Date(a.startsAt), to, now, ctx.timeZone));
}

/** Why moves the actor could otherwise make are not offered now (one note per reason), for the page to say. */
export function withheldMoves(ctx: Context, a: Movable, now: Date = new Date()): { reason: StatusRefusal; params: StatusParams }[] {
  const notes = new Map<StatusRefusal, StatusParams>();
  for (const to of permitted(ctx, a)) {
    const refusal = timeRefusal(new Date(a.startsAt), to, now, ctx.timeZone);
    if (refusal && !notes.has(refusal.reason)) notes.set(refusal.reason, refusal.params);
  }
  return [...notes].map(([reason, params]) => ({ reason, params }));
}
const NEXT_STATUS_TARGETS = NEXT_STATUS as Record<AppointmentStatus, readonly TransitionTarget[]>;
