import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { notFound } from "@/lib/errors";
import { assertCan, fieldError, parseInput, visibleDoctor } from "./access";
import { agendaInputSchema, fromMinutes, toMinutes } from "./schemas";
import { toLocalDateTime } from "./time";

// Agenda configuration (admin area, permission agendas:manage): the doctor it belongs to, slot
// length, room, weekly working intervals (several a day: the gaps are the breaks) and the
// convênios it accepts. Blocks (days off, holidays) live in blocks.ts.

const idSchema = z.uuid("Identificador inválido.");

export type AgendaSummary = {
  id: string; name: string; doctorId: string; doctorName: string; room: string | null; slotMinutes: number; active: boolean;
  acceptsPrivate: boolean; insurers: { id: string; name: string }[];
};

export type AgendaConfig = {
  id: string; name: string; doctorId: string; slotMinutes: number; roomId: string | null; acceptsPrivate: boolean; active: boolean;
  insurerIds: string[]; workingHours: { weekday: number; start: string; end: string }[];
  blocks: { id: string; startsAt: string; endsAt: string; reason: string }[];
};

export type Option = { value: string; label: string };

/** Agendas the actor may see (a doctor without front-desk rights: their own). */
export async function listAgendas(ctx: Context, opts: { includeInactive?: boolean } = {}): Promise<AgendaSummary[]> {
  assertCan(ctx, "appointments:read");
  const rows = await withTenant(ctx, (tx) => tx.agenda.findMany({
    where: { ...(opts.includeInactive ? {} : { active: true }), ...visibleDoctor(ctx) },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      id: true, name: true, doctorId: true, slotMinutes: true, active: true, acceptsPrivate: true,
      doctor: { select: { name: true } }, room: { select: { name: true } },
      insurers: { select: { insuranceProvider: { select: { id: true, name: true, active: true } } } },
    },
  }));
  return rows.map((r) => ({
    id: r.id, name: r.name, doctorId: r.doctorId, doctorName: r.doctor.name, room: r.room?.name ?? null,
    slotMinutes: r.slotMinutes, active: r.active, acceptsPrivate: r.acceptsPrivate,
    insurers: r.insurers.map((i) => i.insuranceProvider).filter((p) => p.active).map(({ id, name }) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name, "pt-BR")),
  }));
}

/** Doctors, rooms and convênios an agenda can be configured with. */
export async function agendaFormOptions(ctx: Context): Promise<{ doctors: Option[]; rooms: Option[]; insurers: Option[] }> {
  assertCan(ctx, "agendas:manage");
  return withTenant(ctx, async (tx) => {
    // Sequential: a transaction is one connection (no Promise.all on tx).
    const doctors = await tx.user.findMany({ where: { status: "ACTIVE", roles: { some: { role: "doctor" } } }, orderBy: { name: "asc" }, select: { id: true, name: true } });
    const rooms = await tx.room.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true } });
    const insurers = await tx.insuranceProvider.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true } });
    const opt = (r: { id: string; name: string }) => ({ value: r.id, label: r.name });
    return { doctors: doctors.map(opt), rooms: rooms.map(opt), insurers: insurers.map(opt) };
  });
}

export async function getAgendaConfig(ctx: Context, id: string, now: Date = new Date()): Promise<AgendaConfig> {
  assertCan(ctx, "agendas:manage");
  const agendaId = parseInput(idSchema, id);
  return withTenant(ctx, async (tx) => {
    const a = await tx.agenda.findFirst({
      where: { id: agendaId },
      select: {
        id: true, name: true, doctorId: true, slotMinutes: true, roomId: true, acceptsPrivate: true, active: true,
        insurers: { select: { insuranceProviderId: true } },
        workingHours: { orderBy: [{ weekday: "asc" }, { startMinute: "asc" }], select: { weekday: true, startMinute: true, endMinute: true } },
        // Blocks still to come (and the ones running now); past ones are history, not configuration.
        blocks: { where: { endsAt: { gt: now } }, orderBy: { startsAt: "asc" }, select: { id: true, startsAt: true, endsAt: true, reason: true } },
      },
    });
    if (!a) throw notFound("Agenda");
    return {
      id: a.id, name: a.name, doctorId: a.doctorId, slotMinutes: a.slotMinutes, roomId: a.roomId, acceptsPrivate: a.acceptsPrivate,
      active: a.active, insurerIds: a.insurers.map((i) => i.insuranceProviderId),
      workingHours: a.workingHours.map((w) => ({ weekday: w.weekday, start: fromMinutes(w.startMinute), end: fromMinutes(w.endMinute) })),
      blocks: a.blocks.map((b) => ({ id: b.id, reason: b.reason, startsAt: toLocalDateTime(b.startsAt, ctx.timeZone), endsAt: toLocalDateTime(b.endsAt, ctx.timeZone) })),
    };
  });
}

type AgendaData = z.output<typeof agendaInputSchema>;

/** References must be this clinic's, and the doctor really a doctor: field errors otherwise. */
async function checkReferences(tx: Tx, data: AgendaData): Promise<void> {
  const doctor = await tx.user.findFirst({ where: { id: data.doctorId, status: "ACTIVE", roles: { some: { role: "doctor" } } }, select: { id: true } });
  if (!doctor) throw fieldError("doctorId", "Escolha um profissional ativo com papel de médico.");
  if (data.roomId && !(await tx.room.findFirst({ where: { id: data.roomId, active: true }, select: { id: true } }))) throw fieldError("roomId", "Sala não encontrada.");
  const insurers = data.insurerIds.length ? await tx.insuranceProvider.count({ where: { id: { in: data.insurerIds }, active: true } }) : 0;
  if (insurers !== data.insurerIds.length) throw fieldError("insurerIds", "Convênio não encontrado.");
}

async function writeChildren(tx: Tx, agendaId: string, data: AgendaData): Promise<void> {
  await tx.agendaWorkingHour.deleteMany({ where: { agendaId } });
  await tx.agendaInsurer.deleteMany({ where: { agendaId } });
  if (data.workingHours.length) {
    await tx.agendaWorkingHour.createMany({
      data: data.workingHours.map((w) => ({ agendaId, weekday: w.weekday, startMinute: toMinutes(w.start), endMinute: toMinutes(w.end) })),
    });
  }
  if (data.insurerIds.length) await tx.agendaInsurer.createMany({ data: data.insurerIds.map((insuranceProviderId) => ({ agendaId, insuranceProviderId })) });
}

const summary = (d: AgendaData) => ({
  name: d.name, doctorId: d.doctorId, slotMinutes: d.slotMinutes, roomId: d.roomId, acceptsPrivate: d.acceptsPrivate,
  active: d.active, insurers: d.insurerIds.length, intervals: d.workingHours.length,
});

export async function createAgenda(ctx: Context, input: unknown): Promise<{ id: string }> {
  assertCan(ctx, "agendas:manage");
  const data = parseInput(agendaInputSchema, input);
  return withTenant(ctx, async (tx) => {
    await checkReferences(tx, data);
    const agenda = await tx.agenda.create({
      data: { name: data.name, doctorId: data.doctorId, slotMinutes: data.slotMinutes, roomId: data.roomId, acceptsPrivate: data.acceptsPrivate, active: data.active },
      select: { id: true },
    });
    await writeChildren(tx, agenda.id, data);
    await recordAudit(tx, ctx, { action: "agenda.created", entityType: "agenda", entityId: agenda.id, metadata: { before: null, after: summary(data) } });
    return agenda;
  });
}

export async function updateAgenda(ctx: Context, id: string, input: unknown): Promise<void> {
  assertCan(ctx, "agendas:manage");
  const agendaId = parseInput(idSchema, id);
  const data = parseInput(agendaInputSchema, input);
  await withTenant(ctx, async (tx) => {
    const before = await getAgendaConfigIn(tx, agendaId);
    // Appointments hang on the agenda's doctor: moving it to someone else would rewrite history.
    if (before.doctorId !== data.doctorId) throw fieldError("doctorId", "O profissional de uma agenda não muda; crie uma nova agenda.");
    await checkReferences(tx, data);
    await tx.agenda.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: agendaId } },
      data: { name: data.name, slotMinutes: data.slotMinutes, roomId: data.roomId, acceptsPrivate: data.acceptsPrivate, active: data.active },
      select: { id: true },
    });
    await writeChildren(tx, agendaId, data);
    await recordAudit(tx, ctx, { action: "agenda.updated", entityType: "agenda", entityId: agendaId, metadata: { before: before.summary, after: summary(data) } });
  });
}

async function getAgendaConfigIn(tx: Tx, agendaId: string) {
  const a = await tx.agenda.findFirst({
    where: { id: agendaId },
    select: { doctorId: true, name: true, slotMinutes: true, roomId: true, acceptsPrivate: true, active: true, _count: { select: { insurers: true, workingHours: true } } },
  });
  if (!a) throw notFound("Agenda");
  const { _count, ...rest } = a;
  return { doctorId: a.doctorId, summary: { ...rest, insurers: _count.insurers, intervals: _count.workingHours } };
}
