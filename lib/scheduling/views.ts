import { z } from "zod";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { forbidden } from "@/lib/errors";
import { agendaSelect, assertCan, loadAgenda, parseInput, visibleDoctor } from "./access";
import { appointmentSelect, toView } from "./dto";
import { ACTIVE_STATUSES, localDate, type AppointmentView, type Slot } from "./schemas";
import { computeSlots } from "./slots";
import { addDays, localDateOf, localDayBounds, mondayOf } from "./time";
import { userNames } from "./queries";

// What the calendars show: the front desk's day (one column per agenda), one agenda's week, and
// a doctor's own day. Slots come from the same computeSlots the booking path re-checks.

export type AgendaColumn = {
  id: string; name: string; doctorId: string; doctorName: string; room: string | null; slotMinutes: number;
  slots: Slot[]; appointments: AppointmentView[];
};
export type DayView = { date: string; columns: AgendaColumn[] };
export type WeekView = { agenda: { id: string; name: string; doctorName: string }; days: { date: string; slots: Slot[]; appointments: AppointmentView[] }[] };

const SHOWN: AppointmentView["status"][] = [...ACTIVE_STATUSES, "NO_SHOW"];

async function dayData(tx: Tx, ctx: Context, agendaIds: string[], doctorIds: string[], from: Date, to: Date) {
  // Sequential: a transaction is one connection, and pg refuses overlapping queries on it.
  const blocks = await tx.agendaBlock.findMany({
    where: { agendaId: { in: agendaIds }, startsAt: { lt: to }, endsAt: { gt: from } },
    select: { agendaId: true, startsAt: true, endsAt: true, reason: true },
  });
  const appointments = await tx.appointment.findMany({
    where: { doctorId: { in: doctorIds }, startsAt: { lt: to }, endsAt: { gt: from }, status: { in: SHOWN } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: { ...appointmentSelect, agendaId: true, doctorId: true },
  });
  const names = await userNames(tx, appointments.map((a) => a.cancelledBy));
  return { blocks, appointments: appointments.map((a) => ({ ...toView(a, names), agendaId: a.agendaId, doctorId: a.doctorId })) };
}

type Loaded = Awaited<ReturnType<typeof dayData>>;

function stripKeys(a: Loaded["appointments"][number]): AppointmentView {
  const view: Partial<Loaded["appointments"][number]> = { ...a };
  delete view.agendaId;
  delete view.doctorId;
  return view as AppointmentView;
}

function column(ctx: Context, date: string, now: Date, agenda: { id: string; doctorId: string; slotMinutes: number; workingHours: { weekday: number; startMinute: number; endMinute: number }[] }, data: Loaded, firstOfDoctor: boolean) {
  const busy = data.appointments.filter((a) => a.doctorId === agenda.doctorId && a.status !== "NO_SHOW")
    .map((a) => ({ startsAt: new Date(a.startsAt), endsAt: new Date(a.endsAt) }));
  const slots = computeSlots({
    date, timeZone: ctx.timeZone, slotMinutes: agenda.slotMinutes, workingHours: agenda.workingHours,
    blocks: data.blocks.filter((b) => b.agendaId === agenda.id), appointments: busy, now,
  });
  // An appointment booked without an agenda shows in its doctor's first agenda.
  const appointments = data.appointments.filter((a) => a.agendaId === agenda.id || (firstOfDoctor && a.agendaId === null && a.doctorId === agenda.doctorId))
    .filter((a) => localDateOf(new Date(a.startsAt), ctx.timeZone) === date)
    .map(stripKeys);
  return { slots, appointments };
}

export async function dayView(ctx: Context, date: string, now: Date = new Date()): Promise<DayView> {
  assertCan(ctx, "appointments:read");
  const day = parseInput(localDate, date);
  const { from, to } = localDayBounds(day, ctx.timeZone);
  return withTenant(ctx, async (tx) => {
    const agendas = await tx.agenda.findMany({
      where: { active: true, ...visibleDoctor(ctx) }, orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { ...agendaSelect, doctor: { select: { name: true } }, room: { select: { name: true } } },
    });
    const data = await dayData(tx, ctx, agendas.map((a) => a.id), [...new Set(agendas.map((a) => a.doctorId))], from, to);
    const seen = new Set<string>();
    const columns = agendas.map((a) => {
      const first = !seen.has(a.doctorId);
      seen.add(a.doctorId);
      return {
        id: a.id, name: a.name, doctorId: a.doctorId, doctorName: a.doctor.name, room: a.room?.name ?? null,
        slotMinutes: a.slotMinutes, ...column(ctx, day, now, a, data, first),
      };
    });
    return { date: day, columns };
  });
}

export async function weekView(ctx: Context, agendaId: string, date: string, now: Date = new Date()): Promise<WeekView> {
  assertCan(ctx, "appointments:read");
  const monday = mondayOf(parseInput(localDate, date));
  const dates = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  return withTenant(ctx, async (tx) => {
    const agenda = await loadAgenda(tx, ctx, parseInput(z.uuid("Identificador inválido."), agendaId));
    const doctor = await tx.user.findFirst({ where: { id: agenda.doctorId }, select: { name: true } });
    const data = await dayData(tx, ctx, [agenda.id], [agenda.doctorId], localDayBounds(dates[0]!, ctx.timeZone).from, localDayBounds(dates[6]!, ctx.timeZone).to);
    const days = dates.map((d) => ({ date: d, ...column(ctx, d, now, agenda, data, true) }));
    return { agenda: { id: agenda.id, name: agenda.name, doctorName: doctor?.name ?? "" }, days };
  });
}

/** The signed-in doctor's own appointments of the clinic's today (cancelled ones left out). */
export async function myDay(ctx: Context, now: Date = new Date()): Promise<AppointmentView[]> {
  assertCan(ctx, "appointments:read");
  if (!ctx.user) throw forbidden();
  const { from, to } = localDayBounds(localDateOf(now, ctx.timeZone), ctx.timeZone);
  return withTenant(ctx, async (tx) => {
    const rows = await tx.appointment.findMany({
      where: { doctorId: ctx.user!.id, startsAt: { gte: from, lt: to }, status: { in: SHOWN } },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }], select: appointmentSelect,
    });
    return rows.map((r) => toView(r));
  });
}
