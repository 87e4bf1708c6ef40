import { z } from "zod";
import { recordDataAccess } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { AppError, notFound } from "@/lib/errors";
import { assertCan, parseInput, visibleDoctor } from "./access";
import { appointmentSelect, toView } from "./dto";
import { listAppointmentsSchema, type AppointmentHistory, type AppointmentPage, type AppointmentView } from "./schemas";

// Reading appointments. Lists are keyset-paginated on (starts_at, id), which the
// (tenant_id, starts_at) index serves without OFFSET scans.

const idSchema = z.uuid("Identificador inválido.");

function decodeCursor(cursor: string | undefined): { startsAt: Date; id: string } | null {
  if (!cursor) return null;
  const [t, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const startsAt = new Date(t ?? "");
  if (Number.isNaN(startsAt.getTime()) || !idSchema.safeParse(id).success) {
    throw new AppError("validation", "Cursor inválido.", { cursor: ["Cursor inválido."] });
  }
  return { startsAt, id: id! };
}
const encodeCursor = (a: { startsAt: string; id: string }) => Buffer.from(`${a.startsAt}|${a.id}`).toString("base64url");

/** Names of the users an appointment mentions (who cancelled), read under the same tenant. */
export async function userNames(tx: Tx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const users = await tx.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

export async function listAppointments(ctx: Context, input: unknown): Promise<AppointmentPage> {
  assertCan(ctx, "appointments:read");
  const f = parseInput(listAppointmentsSchema, input ?? {});
  const after = decodeCursor(f.cursor);
  const visible = visibleDoctor(ctx);
  if (visible.doctorId && f.doctorId && f.doctorId !== visible.doctorId) return { rows: [], nextCursor: null };
  const rows = await withTenant(ctx, async (tx) => {
    const found = await tx.appointment.findMany({
      where: {
        ...(f.doctorId ? { doctorId: f.doctorId } : {}), ...visible,
        ...(f.agendaId ? { agendaId: f.agendaId } : {}),
        ...(f.patientId ? { patientId: f.patientId } : {}),
        ...(f.status ? { status: f.status } : {}),
        AND: [
          ...(f.from ? [{ startsAt: { gte: f.from } }] : []),
          ...(f.to ? [{ startsAt: { lt: f.to } }] : []),
          ...(after ? [{ OR: [{ startsAt: { gt: after.startsAt } }, { startsAt: after.startsAt, id: { gt: after.id } }] }] : []),
        ],
      },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      take: f.limit + 1,
      select: appointmentSelect,
    });
    const names = await userNames(tx, found.map((r) => r.cancelledBy));
    return found.map((r) => toView(r, names));
  });
  const page = rows.slice(0, f.limit);
  return { rows: page, nextCursor: rows.length > f.limit ? encodeCursor(page.at(-1)!) : null };
}

/** One appointment; the read is logged (the reason for a visit is health data). */
export async function getAppointment(ctx: Context, id: string): Promise<AppointmentView> {
  assertCan(ctx, "appointments:read");
  const appointmentId = parseInput(idSchema, id);
  return withTenant(ctx, (tx) => readAppointment(tx, ctx, appointmentId));
}

/** getAppointment inside the caller's transaction (a booking answering with what it wrote). */
export async function readAppointment(tx: Tx, ctx: Context, appointmentId: string): Promise<AppointmentView> {
  const row = await tx.appointment.findFirst({ where: { id: appointmentId, ...visibleDoctor(ctx) }, select: appointmentSelect });
  if (!row) throw notFound("Consulta");
  if (ctx.user) await recordDataAccess(tx, ctx, { patientId: row.patient.id, dataType: "appointment", entityId: row.id, purpose: ctx.purpose ?? "agendamento" });
  return toView(row, await userNames(tx, [row.cancelledBy, row.statusChangedBy]));
}


/** The audit trail of an appointment and of the chain of reschedules it belongs to. */
export async function getAppointmentHistory(ctx: Context, id: string): Promise<AppointmentHistory> {
  assertCan(ctx, "appointments:read");
  const appointmentId = parseInput(idSchema, id);
  return withTenant(ctx, async (tx) => {
    const row = await tx.appointment.findFirst({ where: { id: appointmentId, ...visibleDoctor(ctx) }, select: { id: true, rescheduledFromId: true } });
    if (!row) throw notFound("Consulta");
    const next = await tx.appointment.findFirst({ where: { rescheduledFromId: row.id }, select: { id: true } });
    const ids = [row.id, row.rescheduledFromId, next?.id].filter((x): x is string => !!x);
    const logs = await tx.auditLog.findMany({
      where: { entityType: "appointment", entityId: { in: ids } }, orderBy: { seq: "asc" },
      select: { action: true, actorId: true, entityId: true, metadata: true, createdAt: true },
    });
    const names = await userNames(tx, logs.map((l) => l.actorId));
    const entries = logs.map((l) => {
      const m = (l.metadata ?? {}) as { before?: { status?: string } | null; after?: { status?: string } };
      return {
        at: l.createdAt.toISOString(), action: l.action, actorName: l.actorId ? (names.get(l.actorId) ?? null) : null,
        from: m.before?.status ?? null, to: m.after?.status ?? null, appointmentId: l.entityId ?? "",
      };
    });
    return { entries, rescheduledFrom: row.rescheduledFromId, rescheduledTo: next?.id ?? null };
  });
}

/** The patient a booking starts from (`/appointments/new?patient=`), or null: never an error page. */
export async function findBookingPatient(ctx: Context, id: string | undefined): Promise<{ id: string; name: string; detail: string } | null> {
  if (!id || !idSchema.safeParse(id).success) return null;
  assertCan(ctx, "patients:read");
  const p = await withTenant(ctx, (tx) => tx.patient.findFirst({ where: { id, status: "ACTIVE" }, select: { id: true, fullName: true, socialName: true } }));
  return p && { id: p.id, name: p.socialName ?? p.fullName, detail: p.socialName ? p.fullName : "" };
}
