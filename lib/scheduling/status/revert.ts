import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { FREE_TEXT, sealText } from "@/lib/crypto/free-text";
import { withTenant } from "@/lib/db/tenant";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { formatDate } from "@/lib/format/date";
import type { AppointmentStatus } from "@/lib/generated/prisma/enums";
import { text } from "@/lib/validation/text";
import { z } from "zod";
import { assertCan, isOverlapViolation, parseInput, visibleDoctor } from "../access";
import { UNDOABLE_STATUSES, type AppointmentView, type TransitionTarget } from "../schemas";
import { PERMISSION, STAMP } from "./moves";
import { StatusError } from "./errors";
import { localDateOf } from "../time";

// Undoing a mistaken status move (a check-in on the wrong patient, a no-show for someone who was
// in the toilet): by whoever made it, or a clinic admin, on the same day in the clinic's time
// zone, with a reason (sealed: it may name the patient's situation). The appointment goes back to
// the status it left, the move's timestamp is cleared, and the undo is audited like a move. Only
// the last move, once: an undo cannot itself be undone, and a later move closes the way back.

export type UndoState = {
  status: AppointmentStatus; previousStatus: AppointmentStatus | null; statusChangedBy: string | null; statusChangedAt: Date | null;
};

/** Why this actor may not undo the appointment's last move at `now`, or null when they may. */
export function undoRefusal(ctx: Context, a: UndoState, now: Date): StatusError | null {
  if (!a.previousStatus || !a.statusChangedAt || !UNDOABLE_STATUSES.includes(a.status)) return new StatusError("notUndoable");
  const own = ctx.user !== null && ctx.user.id === a.statusChangedBy;
  if (!own && !ctx.roles.includes("admin")) return new StatusError("undoNotYours");
  if (localDateOf(a.statusChangedAt, ctx.timeZone) !== localDateOf(now, ctx.timeZone)) {
    return new StatusError("undoDayPassed", { date: formatDate(a.statusChangedAt, ctx.timeZone) });
  }
  return null;
}

/** The undo the appointment page offers this actor now, if any: back to which status. */
export function undoOffer(ctx: Context, a: AppointmentView, now: Date = new Date()): { to: AppointmentStatus } | null {
  if (!a.lastChange || !UNDOABLE_STATUSES.includes(a.status) || !can(ctx, PERMISSION[a.status as TransitionTarget])) return null;
  const state = { status: a.status, previousStatus: a.lastChange.from, statusChangedBy: a.lastChange.byId, statusChangedAt: new Date(a.lastChange.at) };
  return undoRefusal(ctx, state, now) ? null : { to: a.lastChange.from };
}

const undoSchema = z.object({ reason: text().trim().max(300).optional() });

/** `input`: { reason } (3–300 characters). Answers the appointment's id and the status it is back in. */
export async function undoStatusChange(ctx: Context, id: unknown, input: unknown, now: Date = new Date()): Promise<{ id: string; status: AppointmentStatus }> {
  const appointmentId = parseInput(z.uuid("Identificador inválido."), id);
  const reason = parseInput(undoSchema, input ?? {}).reason ?? "";
  if (reason.length < 3) throw new StatusError("undoReasonRequired");
  assertCan(ctx, "appointments:read");
  return withTenant(ctx, async (tx) => {
    const a = await tx.appointment.findFirst({
      where: { id: appointmentId, ...visibleDoctor(ctx) },
      select: { id: true, status: true, previousStatus: true, statusChangedBy: true, statusChangedAt: true },
    });
    if (!a) throw notFound("Consulta");
    // Undoing a move takes the permission of making it (a check-in needs appointments:checkin).
    const move = a.status as TransitionTarget;
    if (UNDOABLE_STATUSES.includes(a.status) && !can(ctx, PERMISSION[move])) throw forbidden();
    const refusal = undoRefusal(ctx, a, now);
    if (refusal) throw refusal;
    const back = a.previousStatus!;
    const stamp = STAMP[move];
    let changed: { count: number };
    try {
      changed = await tx.appointment.updateMany({
        where: { id: a.id, status: a.status, previousStatus: a.previousStatus },
        data: {
          status: back, ...(stamp ? { [stamp]: null } : {}),
          previousStatus: null, statusChangedBy: ctx.user?.id ?? null, statusChangedAt: now,
          revertReasonEnc: sealText(ctx.tenantId, FREE_TEXT.revertReason, reason),
        },
      });
    } catch (error) {
      // A no-show freed the slot; someone may have been fitted into it since.
      if (isOverlapViolation(error)) throw new StatusError("undoSlotTaken");
      throw error;
    }
    if (changed.count !== 1) throw new AppError("conflict", "A consulta foi alterada por outra pessoa. Recarregue a página.");
    await recordAudit(tx, ctx, {
      action: "appointment.status_reverted", entityType: "appointment", entityId: a.id,
      metadata: { before: { status: a.status }, after: { status: back }, hasReason: true },
    });
    return { id: a.id, status: back };
  });
}
