import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { notFound } from "@/lib/errors";
import { assertCan, parseInput } from "./access";
import { agendaBlockInputSchema } from "./schemas";
import { parseLocalDateTime } from "./time";

// Days off, holidays, courses: periods in which an agenda offers no slot. Booked appointments
// inside a new block stay (the front desk reschedules them); only an encaixe may go inside.

export async function addAgendaBlock(ctx: Context, input: unknown): Promise<{ id: string }> {
  assertCan(ctx, "agendas:manage");
  const data = parseInput(agendaBlockInputSchema, input);
  return withTenant(ctx, async (tx) => {
    const agenda = await tx.agenda.findFirst({ where: { id: data.agendaId }, select: { id: true } });
    if (!agenda) throw notFound("Agenda");
    const block = await tx.agendaBlock.create({
      data: {
        agendaId: agenda.id, reason: data.reason,
        startsAt: parseLocalDateTime(data.startsAt, ctx.timeZone), endsAt: parseLocalDateTime(data.endsAt, ctx.timeZone),
      },
      select: { id: true, startsAt: true, endsAt: true },
    });
    await recordAudit(tx, ctx, {
      action: "agenda.block_added", entityType: "agenda", entityId: agenda.id,
      metadata: { before: null, after: { blockId: block.id, startsAt: block.startsAt.toISOString(), endsAt: block.endsAt.toISOString() } },
    });
    return { id: block.id };
  });
}

export async function removeAgendaBlock(ctx: Context, input: unknown): Promise<void> {
  assertCan(ctx, "agendas:manage");
  const { blockId } = parseInput(z.object({ blockId: z.uuid("Identificador inválido.") }), input);
  await withTenant(ctx, async (tx) => {
    const block = await tx.agendaBlock.findFirst({ where: { id: blockId }, select: { id: true, agendaId: true, startsAt: true, endsAt: true } });
    if (!block) throw notFound("Bloqueio");
    await tx.agendaBlock.delete({ where: { tenantId_id: { tenantId: ctx.tenantId, id: block.id } } });
    await recordAudit(tx, ctx, {
      action: "agenda.block_removed", entityType: "agenda", entityId: block.agendaId,
      metadata: { before: { blockId: block.id, startsAt: block.startsAt.toISOString(), endsAt: block.endsAt.toISOString() }, after: null },
    });
  });
}
