import { beforeAll, describe, expect, it } from "vitest";
import { asOwner } from "@/lib/testing/factories";
import { bookAppointment, listFreeSlots } from "./booking";
import { addAgendaBlock } from "./blocks";
import { getAppointment } from "./queries";
import { NOW, schedulingClinic, slotAt, type SchedulingClinic } from "./test-fixtures";

// Booking as the front desk does it, against PostgreSQL with RLS live: slots, blocks, convênio,
// encaixe, and the exclusion constraint holding when two bookings race for the same slot.

let c: SchedulingClinic;
const countAt = async (startsAt: Date) => Number((await asOwner<{ n: string }>(
  "SELECT count(*) AS n FROM appointments WHERE tenant_id = $1 AND starts_at = $2", [c.tenant.id, startsAt]))[0]!.n);

beforeAll(async () => {
  c = await schedulingClinic();
});

const book = (over: Record<string, unknown> = {}) => ({
  agendaId: c.agendaId, patientId: c.patients[0]!.id, startsAt: slotAt("2026-11-27T09:00").toISOString(), ...over,
});

describe("bookAppointment", () => {
  it("books a free slot, audits it and takes the slot off the free list", async () => {
    const startsAt = slotAt("2026-11-27T08:00");
    const before = await listFreeSlots(c.as.secretary, { agendaId: c.agendaId, date: "2026-11-27" }, NOW);
    expect(before.map((s) => s.startsAt)).toContain(startsAt.toISOString());
    const { id } = await bookAppointment(c.as.secretary, book({ startsAt: startsAt.toISOString(), insuranceProviderId: c.accepted }), NOW);
    const after = await listFreeSlots(c.as.secretary, { agendaId: c.agendaId, date: "2026-11-27" }, NOW);
    expect(after).toHaveLength(before.length - 1);
    const [audit] = await asOwner<{ action: string; metadata: { after: { status: string } } }>(
      "SELECT action, metadata FROM audit_logs WHERE tenant_id = $1 AND entity_id = $2", [c.tenant.id, id]);
    expect(audit).toMatchObject({ action: "appointment.booked", metadata: { after: { status: "SCHEDULED" } } });
  });

  it("refuses a second booking of the same slot and names the appointment holding it", async () => {
    const startsAt = slotAt("2026-11-27T09:00");
    await bookAppointment(c.as.secretary, book(), NOW);
    await expect(bookAppointment(c.as.secretary, book({ patientId: c.patients[1]!.id }), NOW)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("Dra. Ana Souza já atende Maria Lima das 09:00 às 09:30 de 27/11/2026"),
    });
    expect(await countAt(startsAt)).toBe(1);
  });

  it("lets exactly one of two simultaneous bookings of a slot through (the database decides)", async () => {
    const startsAt = slotAt("2026-11-27T10:00").toISOString();
    const results = await Promise.allSettled([
      bookAppointment(c.as.secretary, book({ startsAt, patientId: c.patients[1]!.id }), NOW),
      bookAppointment(c.as.admin, book({ startsAt, patientId: c.patients[2]!.id }), NOW),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "conflict", message: expect.stringContaining("Horário ocupado") });
    expect(await countAt(new Date(startsAt))).toBe(1);
  });

  it("takes an encaixe over a booked slot only with a reason, and marks it", async () => {
    const startsAt = slotAt("2026-11-27T09:00").toISOString();
    await expect(bookAppointment(c.as.secretary, book({ startsAt, patientId: c.patients[2]!.id, isEncaixe: true }), NOW))
      .rejects.toMatchObject({ code: "validation", fields: { encaixeReason: ["Um encaixe precisa de um motivo."] } });
    const { id } = await bookAppointment(c.as.secretary, book({ startsAt, patientId: c.patients[2]!.id, isEncaixe: true, encaixeReason: "Retorno com exame" }), NOW);
    const [row] = await asOwner<{ is_encaixe: boolean; encaixe_reason: string | null; encaixe_reason_enc: string }>(
      "SELECT is_encaixe, encaixe_reason, encaixe_reason_enc FROM appointments WHERE id = $1", [id]);
    // Sealed at rest (the plain column stays empty); the view opens it.
    expect(row).toMatchObject({ is_encaixe: true, encaixe_reason: null, encaixe_reason_enc: expect.stringMatching(/^enc:v1:/) });
    expect(await getAppointment(c.as.secretary, id)).toMatchObject({ isEncaixe: true, encaixeReason: "Retorno com exame" });
  });

  it("refuses a convênio the agenda does not accept, a time outside the hours and the past", async () => {
    await expect(bookAppointment(c.as.secretary, book({ startsAt: slotAt("2026-11-27T11:00").toISOString(), insuranceProviderId: c.refused }), NOW))
      .rejects.toMatchObject({ code: "validation", fields: { insuranceProviderId: ["Esta agenda não aceita o convênio Amil Teste."] } });
    await expect(bookAppointment(c.as.secretary, book({ startsAt: slotAt("2026-11-27T12:00").toISOString() }), NOW))
      .rejects.toMatchObject({ code: "validation", fields: { startsAt: [expect.stringContaining("Fora do horário")] } });
    await expect(bookAppointment(c.as.secretary, book({ startsAt: slotAt("2026-11-27T11:10").toISOString() }), NOW))
      .rejects.toMatchObject({ code: "validation" });
    await expect(bookAppointment(c.as.secretary, book({ startsAt: slotAt("2026-11-24T09:00").toISOString() }), NOW))
      .rejects.toMatchObject({ code: "validation", fields: { startsAt: ["Este horário já passou."] } });
    expect(await countAt(slotAt("2026-11-27T11:00"))).toBe(0);
  });

  it("offers no slot inside a block and refuses to book there", async () => {
    await addAgendaBlock(c.as.admin, { agendaId: c.agendaId, startsAt: "2026-11-30T00:00", endsAt: "2026-12-01T00:00", reason: "Congresso" });
    expect(await listFreeSlots(c.as.secretary, { agendaId: c.agendaId, date: "2026-11-30" }, NOW)).toEqual([]);
    await expect(bookAppointment(c.as.secretary, book({ startsAt: slotAt("2026-11-30T09:00").toISOString() }), NOW))
      .rejects.toMatchObject({ code: "validation", fields: { startsAt: ["Agenda bloqueada neste horário (Congresso)."] } });
  });

  it("is refused to finance (no appointments:write) and to a doctor booking another doctor's agenda", async () => {
    await expect(bookAppointment(c.as.finance, book(), NOW)).rejects.toMatchObject({ code: "forbidden" });
    await expect(bookAppointment(c.as.doctor, book({ agendaId: c.otherAgendaId, startsAt: slotAt("2026-11-27T14:00").toISOString() }), NOW))
      .rejects.toMatchObject({ code: "not_found" });
  });

  it("answers not found for another clinic's agenda and patient", async () => {
    const other = await schedulingClinic();
    await expect(bookAppointment(c.as.secretary, book({ agendaId: other.agendaId }), NOW)).rejects.toMatchObject({ code: "not_found" });
    await expect(bookAppointment(c.as.secretary, book({ patientId: other.patients[0]!.id, startsAt: slotAt("2026-11-27T15:00").toISOString() }), NOW))
      .rejects.toMatchObject({ code: "not_found" });
    await expect(listFreeSlots(c.as.secretary, { agendaId: other.agendaId, date: "2026-11-27" }, NOW)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("a clinic in New York", () => {
  it("offers 08:00 local on both sides of the DST change and books it", async () => {
    const ny = await schedulingClinic({ timeZone: "America/New_York" });
    const [summer] = await listFreeSlots(ny.as.secretary, { agendaId: ny.agendaId, date: "2027-07-07" }, NOW);
    const [winter] = await listFreeSlots(ny.as.secretary, { agendaId: ny.agendaId, date: "2026-12-02" }, NOW);
    expect(summer!.startsAt).toBe("2027-07-07T12:00:00.000Z");
    expect(winter!.startsAt).toBe("2026-12-02T13:00:00.000Z");
    await expect(bookAppointment(ny.as.secretary, { agendaId: ny.agendaId, patientId: ny.patients[0]!.id, startsAt: winter!.startsAt }, NOW))
      .resolves.toMatchObject({ id: expect.any(String) });
  });
});
