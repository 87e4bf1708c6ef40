import { FREE_TEXT, sealText } from "@/lib/crypto/free-text";
import { TZDate } from "@date-fns/tz";
import type { AppointmentStatus } from "@/lib/generated/prisma/enums";
import type { SeedTx } from "./db";
import { VISIT_REASONS } from "./names";
import { Rng } from "./random";
import { SLOT_MINUTES, WORKING_HOURS, type SeededAgenda } from "./scheduling";

// A week of agenda from today, in the clinic's time zone. Idempotent per (doctor, day): a day on
// which the doctor already has any appointment is left alone, so a rerun tomorrow only tops up
// the new last day. Each day's draw is seeded by (tenant, date, doctor), not by the run.

const DAYS = 7;
const CONGRESS = "Congresso médico";
const MINUTE = 60_000;

export type AgendaContext = {
  tenantId: string; slug: string; timeZone: string; fill: number; agendas: SeededAgenda[];
  patients: { id: string; insuranceProviderId: string | null }[];
  /** The portal patient: given the first free future slot of the first agenda if they have none. */
  linkedPatientId: string | null;
  createdBy: string | null;
  now?: Date;
};

type LocalDay = { iso: string; y: number; m: number; d: number; weekday: number };

function upcomingDays(timeZone: string, now: Date): LocalDay[] {
  const [y, m, d] = new Intl.DateTimeFormat("en-CA", { timeZone }).format(now).split("-").map(Number) as [number, number, number];
  return Array.from({ length: DAYS }, (_, k) => {
    const day = new Date(Date.UTC(y, m - 1, d + k));
    return {
      iso: day.toISOString().slice(0, 10), y: day.getUTCFullYear(), m: day.getUTCMonth(), d: day.getUTCDate(),
      weekday: day.getUTCDay(),
    };
  });
}

const at = (day: LocalDay, minute: number, tz: string) => new Date(new TZDate(day.y, day.m, day.d, 0, minute, tz).getTime());

function status(start: Date, end: Date, now: Date, r: number): AppointmentStatus {
  if (start > now) return r < 0.45 ? "CONFIRMED" : "SCHEDULED";
  if (end.getTime() > now.getTime() - 60 * MINUTE) return "ARRIVED"; // running or just ended
  return r < 0.85 ? "COMPLETED" : "NO_SHOW";
}

/** Timestamps consistent with the status, never in the future. */
function milestones(s: AppointmentStatus, start: Date, end: Date, now: Date) {
  const before = (ms: number) => new Date(Math.min(now.getTime(), start.getTime() - ms));
  return {
    confirmedAt: s === "SCHEDULED" || s === "NO_SHOW" ? null : before(20 * 60 * MINUTE),
    arrivedAt: s === "ARRIVED" || s === "COMPLETED" ? before(10 * MINUTE) : null,
    startedAt: s === "COMPLETED" ? new Date(start.getTime() + 5 * MINUTE) : null,
    completedAt: s === "COMPLETED" ? new Date(end.getTime() - 2 * MINUTE) : null,
  };
}

async function linkedNeedsOne(tx: SeedTx, ctx: AgendaContext, now: Date): Promise<boolean> {
  if (!ctx.linkedPatientId) return false;
  const next = await tx.appointment.findFirst({
    where: { tenantId: ctx.tenantId, patientId: ctx.linkedPatientId, startsAt: { gte: now } }, select: { id: true },
  });
  return !next;
}

/** "doctorId:YYYY-MM-DD" (local) for every doctor-day in the window that already has a booking. */
async function busyDays(tx: SeedTx, ctx: AgendaContext, days: LocalDay[]): Promise<Set<string>> {
  const existing = await tx.appointment.findMany({
    where: {
      tenantId: ctx.tenantId, doctorId: { in: ctx.agendas.map((a) => a.doctorId) },
      startsAt: { gte: at(days[0]!, 0, ctx.timeZone), lt: at(days.at(-1)!, 24 * 60, ctx.timeZone) },
    },
    select: { doctorId: true, startsAt: true },
  });
  const localDate = new Intl.DateTimeFormat("en-CA", { timeZone: ctx.timeZone });
  return new Set(existing.map((a) => `${a.doctorId}:${localDate.format(a.startsAt)}`));
}

export async function ensureWeekOfAppointments(tx: SeedTx, ctx: AgendaContext): Promise<number> {
  if (ctx.patients.length === 0 || ctx.agendas.length === 0) return 0;
  const now = ctx.now ?? new Date();
  let giveLinked = await linkedNeedsOne(tx, ctx, now);
  const days = upcomingDays(ctx.timeZone, now);
  const busy = await busyDays(tx, ctx, days);
  const rows = [];
  for (const day of days) {
    const windows = WORKING_HOURS.filter((w) => w.weekday === day.weekday);
    if (day.weekday === 0 || windows.length === 0) continue;
    // One shuffled patient list per day; doctor k takes every k-th, so nobody is booked twice.
    // The portal patient stays out of the draw: their one appointment is given on purpose.
    const order = new Rng(`${ctx.slug}:${day.iso}:patients`).shuffle(ctx.patients)
      .filter((p) => p.id !== ctx.linkedPatientId);
    for (const [k, agenda] of ctx.agendas.entries()) {
      if (busy.has(`${agenda.doctorId}:${day.iso}`)) continue;
      const rng = new Rng(`${ctx.slug}:${day.iso}:${agenda.doctorEmail}`);
      const mine = order.filter((_, i) => i % ctx.agendas.length === k);
      let cursor = 0;
      // Some days a patient is squeezed into the lunch break: the encaixe the calendar marks.
      if (rng.chance(0.35) && mine.length > 0) {
        const startsAt = at(day, 12 * 60, ctx.timeZone);
        const endsAt = new Date(startsAt.getTime() + 20 * MINUTE);
        const s = status(startsAt, endsAt, now, rng.float());
        rows.push({
          patientId: mine[mine.length - 1]!.id, doctorId: agenda.doctorId, agendaId: agenda.id, roomId: agenda.roomId,
          startsAt, endsAt, status: s, modality: "IN_PERSON" as const,
          reasonEnc: sealText(ctx.tenantId, FREE_TEXT.appointmentReason, "Retorno para mostrar exames"),
          isEncaixe: true, encaixeReasonEnc: sealText(ctx.tenantId, FREE_TEXT.encaixeReason, "Retorno breve pedido pela médica"), insuranceProviderId: mine[mine.length - 1]!.insuranceProviderId,
          createdBy: ctx.createdBy, ...milestones(s, startsAt, endsAt, now),
        });
      }
      for (const w of windows) {
        for (let minute = w.startMinute; minute + SLOT_MINUTES <= w.endMinute; minute += SLOT_MINUTES) {
          const [book, r, reason] = [rng.chance(ctx.fill), rng.float(), rng.pick(VISIT_REASONS)];
          if (!book || mine.length === 0) continue;
          const startsAt = at(day, minute, ctx.timeZone);
          const endsAt = new Date(startsAt.getTime() + SLOT_MINUTES * MINUTE);
          let patient = mine[cursor++ % mine.length]!;
          if (giveLinked && k === 0 && startsAt > now) {
            patient = ctx.patients.find((p) => p.id === ctx.linkedPatientId) ?? patient;
            giveLinked = false;
          }
          const s = status(startsAt, endsAt, now, r);
          rows.push({
            patientId: patient.id, doctorId: agenda.doctorId, agendaId: agenda.id, roomId: agenda.roomId,
            startsAt, endsAt, status: s, modality: "IN_PERSON" as const,
            reasonEnc: sealText(ctx.tenantId, FREE_TEXT.appointmentReason, reason),
            insuranceProviderId: patient.insuranceProviderId, createdBy: ctx.createdBy,
            ...milestones(s, startsAt, endsAt, now),
          });
        }
      }
    }
  }
  if (rows.length > 0) await tx.appointment.createMany({ data: rows });
  return rows.length + await ensureCongressBlock(tx, ctx, days);
}

/** A whole-day block on the second agenda the day after the seeded week: the calendar shows it. */
async function ensureCongressBlock(tx: SeedTx, ctx: AgendaContext, days: LocalDay[]): Promise<number> {
  const agenda = ctx.agendas[1];
  if (!agenda) return 0;
  const last = days.at(-1)!;
  const day = { ...last, d: last.d + 1 };
  const startsAt = at(day, 0, ctx.timeZone);
  const existing = await tx.agendaBlock.findFirst({
    where: { tenantId: ctx.tenantId, agendaId: agenda.id, reason: CONGRESS, endsAt: { gt: at(days[0]!, 0, ctx.timeZone) } }, select: { id: true },
  });
  if (existing) return 0;
  await tx.agendaBlock.create({ data: { agendaId: agenda.id, startsAt, endsAt: at(day, 24 * 60, ctx.timeZone), reason: CONGRESS }, select: { id: true } });
  return 1;
}
