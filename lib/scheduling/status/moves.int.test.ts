import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db/tenant";
import { asOwner, scopeFor } from "@/lib/testing/factories";
import { isOverlapViolation } from "../access";
import { bookAppointment } from "../booking";
import { getAppointment, getAppointmentHistory, listAppointments } from "../queries";
import { rescheduleAppointment } from "../reschedule";
import { cancelAppointmentAsPatient, transitionAppointment } from "./moves";
import { NOW, schedulingClinic, slotAt, type SchedulingClinic } from "../test-fixtures";
import { dayView, myDay } from "../views";

// The life of an appointment: the status machine, its audit rows, reschedule history, patient
// cancellation notice, who sees what, and the database's own refusal of an overlap.

let c: SchedulingClinic;
let n = 0;
/** A fresh booking on the doctor's agenda, one slot after the other on 2026-11-26. */
async function booked(patient = 0) {
  const raw = 8 * 60 + 30 * n++;
  const minute = raw >= 12 * 60 ? raw + 60 : raw; // the lunch break
  const local = `2026-11-26T${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
  const { id } = await bookAppointment(c.as.secretary, { agendaId: c.agendaId, patientId: c.patients[patient]!.id, startsAt: slotAt(local).toISOString() }, NOW);
  return { id, startsAt: slotAt(local) };
}
const status = async (id: string) => (await asOwner<{ status: string }>("SELECT status FROM appointments WHERE id = $1", [id]))[0]!.status;

beforeAll(async () => {
  c = await schedulingClinic({ settings: { scheduling: { minCancellationNoticeHours: 24 } } });
});

describe("status machine", () => {
  it("walks scheduled → confirmed → arrived → in progress → completed, auditing before and after", async () => {
    const { id, startsAt } = await booked();
    const at = new Date(startsAt.getTime() + 60_000);
    await transitionAppointment(c.as.secretary, id, { to: "CONFIRMED" }, NOW);
    await transitionAppointment(c.as.secretary, id, { to: "ARRIVED" }, at);
    await transitionAppointment(c.as.doctor, id, { to: "IN_PROGRESS" }, at);
    await transitionAppointment(c.as.doctor, id, { to: "COMPLETED" }, at);
    const rows = await asOwner<{ metadata: { before: { status: string } | null; after: { status: string } } }>(
      "SELECT metadata FROM audit_logs WHERE tenant_id = $1 AND entity_id = $2 ORDER BY seq", [c.tenant.id, id]);
    expect(rows.map((r) => [r.metadata.before?.status ?? null, r.metadata.after.status])).toEqual([
      [null, "SCHEDULED"], ["SCHEDULED", "CONFIRMED"], ["CONFIRMED", "ARRIVED"], ["ARRIVED", "IN_PROGRESS"], ["IN_PROGRESS", "COMPLETED"],
    ]);
    const view = await getAppointment(c.as.secretary, id);
    expect(view).toMatchObject({ status: "COMPLETED", confirmedAt: NOW.toISOString(), completedAt: at.toISOString() });
  });

  it("refuses illegal moves and leaves the status as it was", async () => {
    const { id } = await booked();
    await expect(transitionAppointment(c.as.doctor, id, { to: "COMPLETED" }, NOW)).rejects.toMatchObject({ code: "conflict" });
    await expect(transitionAppointment(c.as.secretary, id, { to: "NO_SHOW" }, NOW)).rejects.toMatchObject({ code: "conflict" });
    await transitionAppointment(c.as.secretary, id, { to: "CANCELLED", reason: "Paciente viajou" }, NOW);
    await expect(transitionAppointment(c.as.secretary, id, { to: "CONFIRMED" }, NOW)).rejects.toMatchObject({ code: "conflict" });
    expect(await status(id)).toBe("CANCELLED");
  });

  it("needs a reason to cancel and records who and when", async () => {
    const { id } = await booked();
    await expect(transitionAppointment(c.as.secretary, id, { to: "CANCELLED" }, NOW)).rejects.toMatchObject({ code: "validation", fields: { reason: expect.any(Array) } });
    expect(await status(id)).toBe("SCHEDULED");
    await transitionAppointment(c.as.secretary, id, { to: "CANCELLED", reason: "Pedido do paciente" }, NOW);
    expect(await getAppointment(c.as.secretary, id)).toMatchObject({
      status: "CANCELLED", cancelledAt: NOW.toISOString(), cancelledByName: "Recepção Teste", cancellationReason: "Pedido do paciente",
    });
  });

  it("refuses each move to the roles without its permission", async () => {
    const { id, startsAt } = await booked();
    await expect(transitionAppointment(c.as.finance, id, { to: "CONFIRMED" }, NOW)).rejects.toMatchObject({ code: "forbidden" });
    await expect(transitionAppointment(c.as.doctor, id, { to: "ARRIVED" }, startsAt)).rejects.toMatchObject({ code: "forbidden" });
    await transitionAppointment(c.as.secretary, id, { to: "ARRIVED" }, startsAt);
    await expect(transitionAppointment(c.as.secretary, id, { to: "IN_PROGRESS" }, startsAt)).rejects.toMatchObject({ code: "forbidden" });
    await expect(transitionAppointment(c.as.otherDoctor, id, { to: "IN_PROGRESS" }, startsAt)).rejects.toMatchObject({ code: "not_found" });
    expect(await status(id)).toBe("ARRIVED");
  });
});

describe("reschedule", () => {
  it("books the new time, cancels the original as 'reagendado' and keeps both in the history", async () => {
    const { id } = await booked(1);
    const { id: nextId } = await rescheduleAppointment(c.as.secretary, id, { startsAt: slotAt("2026-11-28T14:00").toISOString() }, NOW);
    expect(await getAppointment(c.as.secretary, id)).toMatchObject({ status: "CANCELLED", cancellationReason: "reagendado" });
    expect(await getAppointment(c.as.secretary, nextId)).toMatchObject({ status: "SCHEDULED", rescheduledFromId: id, patient: { name: "José Alves" } });
    const history = await getAppointmentHistory(c.as.secretary, nextId);
    expect(history.rescheduledFrom).toBe(id);
    expect(history.entries.map((e) => e.action)).toEqual(["appointment.booked", "appointment.status_changed", "appointment.rescheduled"]);
  });

  it("to a taken slot fails whole: the original stays booked", async () => {
    const taken = await booked(2);
    const { id } = await booked(1);
    await expect(rescheduleAppointment(c.as.secretary, id, { startsAt: taken.startsAt.toISOString() }, NOW)).rejects.toMatchObject({ code: "conflict" });
    expect(await status(id)).toBe("SCHEDULED");
  });
});

describe("patient cancellation", () => {
  it("applies the clinic's minimum notice", async () => {
    const { id, startsAt } = await booked(0);
    const patientCtx = scopeFor(c.tenant, null, ["patient"]);
    const late = new Date(startsAt.getTime() - 2 * 3_600_000);
    await expect(cancelAppointmentAsPatient(patientCtx, { appointmentId: id, patientId: c.patients[0]!.id }, late))
      .rejects.toMatchObject({ code: "unprocessable", message: expect.stringContaining("24 horas") });
    await expect(cancelAppointmentAsPatient(patientCtx, { appointmentId: id, patientId: c.patients[1]!.id }, NOW)).rejects.toMatchObject({ code: "not_found" });
    expect(await status(id)).toBe("SCHEDULED");
    const early = new Date(startsAt.getTime() - 25 * 3_600_000);
    await cancelAppointmentAsPatient(patientCtx, { appointmentId: id, patientId: c.patients[0]!.id }, early);
    expect(await status(id)).toBe("CANCELLED");
  });
});

describe("visibility", () => {
  it("shows a doctor only their own appointments, everywhere", async () => {
    const mine = await booked(0);
    const theirs = await bookAppointment(c.as.secretary, { agendaId: c.otherAgendaId, patientId: c.patients[1]!.id, startsAt: slotAt("2026-11-26T16:00").toISOString() }, NOW);
    await expect(getAppointment(c.as.doctor, theirs.id)).rejects.toMatchObject({ code: "not_found" });
    const list = await listAppointments(c.as.doctor, { limit: 200 });
    expect(list.rows.every((r) => r.doctor.id === c.doctor.id)).toBe(true);
    const day = await dayView(c.as.doctor, "2026-11-26", NOW);
    expect(day.columns.map((col) => col.id)).toEqual([c.agendaId]);
    const today = await myDay(c.as.doctor, slotAt("2026-11-26T07:00"));
    expect(today.map((a) => a.id)).toContain(mine.id);
    expect(today.every((a) => a.doctor.id === c.doctor.id)).toBe(true);
    expect((await myDay(c.as.otherDoctor, slotAt("2026-11-26T07:00"))).map((a) => a.id)).toEqual([theirs.id]);
  });

  it("answers not found for another clinic's appointment", async () => {
    const other = await schedulingClinic();
    const { id } = await bookAppointment(other.as.secretary, { agendaId: other.agendaId, patientId: other.patients[0]!.id, startsAt: slotAt("2026-11-27T08:00").toISOString() }, NOW);
    await expect(getAppointment(c.as.secretary, id)).rejects.toMatchObject({ code: "not_found" });
    await expect(transitionAppointment(c.as.secretary, id, { to: "CONFIRMED" }, NOW)).rejects.toMatchObject({ code: "not_found" });
    await expect(rescheduleAppointment(c.as.secretary, id, { startsAt: slotAt("2026-11-27T09:00").toISOString() }, NOW)).rejects.toMatchObject({ code: "not_found" });
    await expect(getAppointmentHistory(c.as.secretary, id)).rejects.toMatchObject({ code: "not_found" });
    expect(await status(id)).toBe("SCHEDULED");
  });

  it("pages the list with a cursor, without repeats", async () => {
    const first = await listAppointments(c.as.secretary, { limit: 3 });
    const second = await listAppointments(c.as.secretary, { limit: 3, cursor: first.nextCursor! });
    expect(first.rows).toHaveLength(3);
    expect(second.rows[0]!.startsAt >= first.rows[2]!.startsAt).toBe(true);
    expect(second.rows.some((r) => first.rows.some((f) => f.id === r.id))).toBe(false);
  });
});

describe("the database itself", () => {
  it("refuses an overlapping non-encaixe row written without any code check", async () => {
    const { startsAt } = await booked(0);
    const error = await withTenant(c.as.secretary, (tx) => tx.appointment.create({
      data: { patientId: c.patients[1]!.id, doctorId: c.doctor.id, startsAt: new Date(startsAt.getTime() + 10 * 60_000), endsAt: new Date(startsAt.getTime() + 40 * 60_000) },
    })).catch((e: unknown) => e);
    expect(isOverlapViolation(error)).toBe(true);
  });
});
