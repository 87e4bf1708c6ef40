import { beforeAll, describe, expect, it } from "vitest";
import { asOwner } from "@/lib/testing/factories";
import { createAgenda, getAgendaConfig, updateAgenda } from "./agendas";
import { addAgendaBlock, removeAgendaBlock } from "./blocks";
import { NOW, schedulingClinic, type SchedulingClinic } from "./test-fixtures";

// Agenda configuration: clear field errors for impossible hours, only admins, only this clinic.

let c: SchedulingClinic;
beforeAll(async () => {
  c = await schedulingClinic();
});

const input = (over: Record<string, unknown> = {}) => ({
  name: "Agenda de retorno", doctorId: c.doctor.id, slotMinutes: 20, insurerIds: [c.accepted],
  workingHours: [{ weekday: 1, start: "08:00", end: "12:00" }, { weekday: 1, start: "14:00", end: "17:00" }], ...over,
});
const agendaCount = async () => Number((await asOwner<{ n: string }>("SELECT count(*) AS n FROM agendas WHERE tenant_id = $1", [c.tenant.id]))[0]!.n);

describe("agenda configuration", () => {
  it("refuses an interval ending before it starts and overlapping intervals, saving nothing", async () => {
    const before = await agendaCount();
    await expect(createAgenda(c.as.admin, input({ workingHours: [{ weekday: 2, start: "12:00", end: "08:00" }] })))
      .rejects.toMatchObject({ code: "validation", fields: { "workingHours.0.end": ["O fim deve ser depois do início."] } });
    await expect(createAgenda(c.as.admin, input({ workingHours: [{ weekday: 2, start: "08:00", end: "12:00" }, { weekday: 2, start: "11:00", end: "13:00" }] })))
      .rejects.toMatchObject({ code: "validation", fields: { "workingHours.1.start": ["Sobrepõe o intervalo 08:00–12:00."] } });
    expect(await agendaCount()).toBe(before);
  });

  it("creates, reads back and updates an agenda with breaks, convênios and blocks", async () => {
    const { id } = await createAgenda(c.as.admin, input());
    await updateAgenda(c.as.admin, id, input({ slotMinutes: 15, acceptsPrivate: false }));
    const block = await addAgendaBlock(c.as.admin, { agendaId: id, startsAt: "2026-12-24T00:00", endsAt: "2026-12-26T00:00", reason: "Natal" });
    const config = await getAgendaConfig(c.as.admin, id, NOW);
    expect(config).toMatchObject({
      slotMinutes: 15, acceptsPrivate: false, insurerIds: [c.accepted],
      workingHours: [{ weekday: 1, start: "08:00", end: "12:00" }, { weekday: 1, start: "14:00", end: "17:00" }],
      blocks: [{ id: block.id, startsAt: "2026-12-24T00:00", endsAt: "2026-12-26T00:00", reason: "Natal" }],
    });
    await removeAgendaBlock(c.as.admin, { blockId: block.id });
    expect((await getAgendaConfig(c.as.admin, id, NOW)).blocks).toEqual([]);
    const actions = await asOwner<{ action: string }>("SELECT action FROM audit_logs WHERE tenant_id = $1 AND entity_id = $2 ORDER BY seq", [c.tenant.id, id]);
    expect(actions.map((a) => a.action)).toEqual(["agenda.created", "agenda.updated", "agenda.block_added", "agenda.block_removed"]);
  });

  it("refuses a non-doctor as the agenda's owner", async () => {
    await expect(createAgenda(c.as.admin, input({ doctorId: c.as.secretary.user!.id })))
      .rejects.toMatchObject({ code: "validation", fields: { doctorId: expect.any(Array) } });
  });

  it("is for admins only, and another clinic's agenda is not found", async () => {
    for (const ctx of [c.as.secretary, c.as.doctor, c.as.finance]) {
      await expect(createAgenda(ctx, input())).rejects.toMatchObject({ code: "forbidden" });
    }
    const other = await schedulingClinic();
    await expect(getAgendaConfig(c.as.admin, other.agendaId)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateAgenda(c.as.admin, other.agendaId, input({ doctorId: other.doctor.id }))).rejects.toMatchObject({ code: "not_found" });
    await expect(addAgendaBlock(c.as.admin, { agendaId: other.agendaId, startsAt: "2026-12-24T00:00", endsAt: "2026-12-25T00:00", reason: "Natal" }))
      .rejects.toMatchObject({ code: "not_found" });
  });
});
