import { beforeAll, describe, expect, it } from "vitest";
import { asOwner, createUser, scopeFor } from "@/lib/testing/factories";
import { bookAppointment } from "../booking";
import { getAppointment } from "../queries";
import { undoOffer, undoStatusChange } from "./revert";
import { allowedMoves, transitionAppointment, withheldMoves } from "./moves";
import { NOW, schedulingClinic, slotAt, type SchedulingClinic } from "../test-fixtures";

// The status machine against the clock (check-in, start and no-show on the appointment's own
// day in the clinic's zone) and the undo of a mistaken move: by its author or an admin, the same
// day, with a sealed reason, audited; refused with a reason the page can word otherwise.

let c: SchedulingClinic;
let n = 0;
/** A fresh booking on 2026-11-26 (São Paulo), one slot after another. */
async function booked(patient = 0) {
  const minute = 8 * 60 + 30 * n++;
  const local = `2026-11-26T${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
  const { id } = await bookAppointment(c.as.secretary, { agendaId: c.agendaId, patientId: c.patients[patient]!.id, startsAt: slotAt(local).toISOString() }, NOW);
  return { id, startsAt: slotAt(local) };
}
const minutes = (at: Date, m: number) => new Date(at.getTime() + m * 60_000);
type Row = { status: string; arrived_at: Date | null; previous_status: string | null; revert_reason_enc: string | null };
const row = async (id: string) => (await asOwner<Row>("SELECT status, arrived_at, previous_status, revert_reason_enc FROM appointments WHERE id = $1", [id]))[0]!;
const auditActions = async (id: string) =>
  (await asOwner<{ action: string; metadata: unknown }>("SELECT action, metadata FROM audit_logs WHERE entity_id = $1 ORDER BY seq", [id]));

beforeAll(async () => {
  c = await schedulingClinic();
  n = 0;
});

describe("moves that belong to the appointment's day", () => {
  it("offers no check-in before the day, says why, and refuses it when forced, changing nothing", async () => {
    const { id, startsAt } = await booked();
    // 23:30 on the 25th in São Paulo is already the 26th in UTC: the clinic's day decides.
    const eve = new Date("2026-11-26T02:30:00Z");
    const view = await getAppointment(c.as.secretary, id);
    expect(allowedMoves(c.as.secretary, view, eve)).toEqual(["CONFIRMED", "CANCELLED"]);
    expect(withheldMoves(c.as.secretary, view, eve)).toEqual([{ reason: "notOnTheDay", params: { date: "26/11/2026" } }]);
    await expect(transitionAppointment(c.as.secretary, id, { to: "ARRIVED" }, eve)).rejects.toMatchObject({
      code: "conflict", reason: "notOnTheDay", params: { date: "26/11/2026" }, message: expect.stringContaining("26/11/2026"),
    });
    expect((await row(id)).status).toBe("SCHEDULED");
    expect((await auditActions(id)).map((a) => a.action)).toEqual(["appointment.booked"]);
    // On the day: check-in is offered and works; the day after, no-show is refused.
    expect(allowedMoves(c.as.secretary, view, minutes(startsAt, -60))).toContain("ARRIVED");
    await expect(transitionAppointment(c.as.secretary, id, { to: "NO_SHOW" }, new Date("2026-11-27T03:10:00Z"))).rejects.toMatchObject({ reason: "notOnTheDay" });
    await expect(transitionAppointment(c.as.secretary, id, { to: "NO_SHOW" }, minutes(startsAt, -1))).rejects.toMatchObject({ reason: "noShowBeforeStart", params: { time: expect.any(String) } });
    await transitionAppointment(c.as.secretary, id, { to: "ARRIVED" }, minutes(startsAt, -10));
    expect((await row(id)).status).toBe("ARRIVED");
  });

  it("refuses starting the consultation on another day", async () => {
    const { id, startsAt } = await booked();
    await transitionAppointment(c.as.secretary, id, { to: "ARRIVED" }, startsAt);
    await expect(transitionAppointment(c.as.doctor, id, { to: "IN_PROGRESS" }, new Date("2026-11-27T12:00:00Z"))).rejects.toMatchObject({ reason: "notOnTheDay" });
    expect((await row(id)).status).toBe("ARRIVED");
  });
});

describe("undoing a mistaken move", () => {
  it("takes a wrong check-in back to confirmed: arrival cleared, reason sealed, audited without it, once", async () => {
    const { id, startsAt } = await booked();
    await transitionAppointment(c.as.secretary, id, { to: "CONFIRMED" }, NOW);
    await transitionAppointment(c.as.secretary, id, { to: "ARRIVED" }, startsAt);
    expect(undoOffer(c.as.secretary, await getAppointment(c.as.secretary, id), minutes(startsAt, 5))).toEqual({ to: "CONFIRMED" });
    const reason = "Check-in registrado no paciente errado";
    expect(await undoStatusChange(c.as.secretary, id, { reason }, minutes(startsAt, 5))).toEqual({ id, status: "CONFIRMED" });
    const after = await row(id);
    expect(after).toMatchObject({ status: "CONFIRMED", arrived_at: null, previous_status: null });
    expect(after.revert_reason_enc).not.toContain("errado");
    const audit = await auditActions(id);
    expect(audit.at(-1)).toEqual({ action: "appointment.status_reverted", metadata: { before: { status: "ARRIVED" }, after: { status: "CONFIRMED" }, hasReason: true } });
    expect(JSON.stringify(audit)).not.toContain("errado");
    const view = await getAppointment(c.as.secretary, id);
    expect([view.lastChange, undoOffer(c.as.secretary, view, minutes(startsAt, 6))]).toEqual([null, null]);
    await expect(undoStatusChange(c.as.secretary, id, { reason }, minutes(startsAt, 6))).rejects.toMatchObject({ code: "conflict", reason: "notUndoable" });
    // The appointment can be checked in again, correctly this time.
    await transitionAppointment(c.as.secretary, id, { to: "ARRIVED" }, minutes(startsAt, 7));
  });

  it("refuses without a reason, to someone else who is not an admin, and on a later day; an admin may", async () => {
    const { id, startsAt } = await booked();
    await transitionAppointment(c.as.secretary, id, { to: "ARRIVED" }, startsAt);
    const colleague = scopeFor(c.tenant, await createUser(c.tenant, { roles: ["secretary"] }), ["secretary"]);
    const before = await row(id);
    await expect(undoStatusChange(c.as.secretary, id, { reason: " " }, startsAt)).rejects.toMatchObject({ code: "validation", reason: "undoReasonRequired", fields: { reason: expect.any(Array) } });
    await expect(undoStatusChange(colleague, id, { reason: "Engano" }, startsAt)).rejects.toMatchObject({ code: "forbidden", reason: "undoNotYours" });
    expect(undoOffer(colleague, await getAppointment(colleague, id), startsAt)).toBeNull();
    await expect(undoStatusChange(c.as.secretary, id, { reason: "Engano" }, new Date("2026-11-27T12:00:00Z"))).rejects.toMatchObject({ code: "conflict", reason: "undoDayPassed", params: { date: "26/11/2026" } });
    await expect(undoStatusChange(c.as.finance, id, { reason: "Engano" }, startsAt)).rejects.toMatchObject({ code: "forbidden" });
    expect(await row(id)).toEqual(before);
    expect(await undoStatusChange(c.as.admin, id, { reason: "Pedido da recepção" }, minutes(startsAt, 30))).toEqual({ id, status: "SCHEDULED" });
  });

  it("undoes a no-show unless its freed slot has been given to someone else", async () => {
    const first = await booked();
    await transitionAppointment(c.as.secretary, first.id, { to: "NO_SHOW" }, minutes(first.startsAt, 15));
    expect(await undoStatusChange(c.as.secretary, first.id, { reason: "Paciente estava na sala de espera" }, minutes(first.startsAt, 20))).toEqual({ id: first.id, status: "SCHEDULED" });
    const second = await booked();
    await transitionAppointment(c.as.secretary, second.id, { to: "NO_SHOW" }, minutes(second.startsAt, 15));
    await bookAppointment(c.as.secretary, { agendaId: c.agendaId, patientId: c.patients[1]!.id, startsAt: second.startsAt.toISOString() }, NOW);
    await expect(undoStatusChange(c.as.secretary, second.id, { reason: "Paciente chegou atrasado" }, minutes(second.startsAt, 20))).rejects.toMatchObject({ code: "conflict", reason: "undoSlotTaken" });
    expect((await row(second.id)).status).toBe("NO_SHOW");
  });

  it("does not undo a start, a completion or a cancellation, nor another clinic's appointment", async () => {
    const { id, startsAt } = await booked();
    await transitionAppointment(c.as.secretary, id, { to: "ARRIVED" }, startsAt);
    await transitionAppointment(c.as.doctor, id, { to: "IN_PROGRESS" }, startsAt);
    await expect(undoStatusChange(c.as.doctor, id, { reason: "Engano" }, startsAt)).rejects.toMatchObject({ reason: "notUndoable" });
    const cancelled = await booked();
    await transitionAppointment(c.as.secretary, cancelled.id, { to: "CANCELLED", reason: "Pedido do paciente" }, NOW);
    await expect(undoStatusChange(c.as.secretary, cancelled.id, { reason: "Engano" }, NOW)).rejects.toMatchObject({ reason: "notUndoable" });
    const other = await schedulingClinic();
    await expect(undoStatusChange(other.as.admin, id, { reason: "Engano" }, startsAt)).rejects.toMatchObject({ code: "not_found" });
  });
});
