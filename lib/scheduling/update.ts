import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import { FREE_TEXT, sealText } from "@/lib/crypto/free-text";
import { withTenant } from "@/lib/db/tenant";
import { AppError, notFound } from "@/lib/errors";
import { assertCan, parseInput, visibleDoctor } from "./access";
import { rescheduleAppointment } from "./reschedule";
import { updateAppointmentSchema, type AppointmentView } from "./schemas";
import { transitionAppointment } from "./status/moves";
import { getAppointment } from "./queries";

// One door for "change this appointment" (PUT /api/v1/appointments/:id): a status change goes
// through the status machine, a new time through reschedule (a new id answers), and the rest
// (visit reason, modality) is edited in place while the appointment is still ahead.

export async function updateAppointment(ctx: Context, id: string, input: unknown, now: Date = new Date()): Promise<AppointmentView> {
  assertCan(ctx, "appointments:read");
  const appointmentId = parseInput(z.uuid("Identificador inválido."), id);
  const data = parseInput(updateAppointmentSchema, input);
  if (data.status) {
    await transitionAppointment(ctx, appointmentId, { to: data.status, reason: data.cancellationReason }, now);
    return getAppointment(ctx, appointmentId);
  }
  if (data.startsAt) {
    const next = await rescheduleAppointment(ctx, appointmentId, {
      startsAt: data.startsAt, agendaId: data.agendaId, isEncaixe: data.isEncaixe ?? false, encaixeReason: data.encaixeReason,
    }, now);
    return getAppointment(ctx, next.id);
  }
  assertCan(ctx, "appointments:write");
  const fields = [...(data.reason !== undefined ? ["reason"] : []), ...(data.modality ? ["modality"] : [])];
  if (fields.length === 0) throw new AppError("validation", "Nada para alterar.");
  const changes = {
    ...(data.reason !== undefined ? { reasonEnc: sealText(ctx.tenantId, FREE_TEXT.appointmentReason, data.reason), legacyReason: null } : {}),
    ...(data.modality ? { modality: data.modality } : {}),
  };
  await withTenant(ctx, async (tx) => {
    const current = await tx.appointment.findFirst({ where: { id: appointmentId, ...visibleDoctor(ctx) }, select: { status: true, modality: true } });
    if (!current) throw notFound("Consulta");
    if (current.status !== "SCHEDULED" && current.status !== "CONFIRMED") throw new AppError("conflict", "Só consultas agendadas ou confirmadas podem ser alteradas.");
    await tx.appointment.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: appointmentId } }, data: changes, select: { id: true } });
    await recordAudit(tx, ctx, {
      action: "appointment.updated", entityType: "appointment", entityId: appointmentId,
      metadata: { fields, before: { modality: current.modality }, after: { modality: data.modality ?? current.modality } },
    });
  });
  return getAppointment(ctx, appointmentId);
}
