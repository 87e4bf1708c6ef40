import { afterAll, describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db/tenant";
import { asOwner, createTenant, createUser, scopeFor } from "@/lib/testing/factories";
import type { Context } from "@/lib/context";
import { afterAppointmentCancelled, afterAppointmentRescheduled } from "./hooks";
import { collectDueWork } from "./dispatch";
import { deliverReminder } from "./reminders-send";
import { signLink, verifyLink } from "./links";
import { actOnLink, getLinkView } from "./link-actions";
import { addToWaitlist } from "./waitlist";
import { notifyOffer } from "./waitlist-notify";
import { acceptTelemedicineTerm, getTeleconsultation, getTelemedicineRoom } from "./telemedicine-portal";
import { bookedAppointment, doctorOf, patientWith } from "./test-support";
import type { ChannelDrivers, OutgoingMessage } from "./channels";
import { closeMailTransport } from "@/lib/mail/send";
import { getAppointmentEngagement } from "./queries";

const NOW = new Date("2026-12-01T12:00:00Z");
const START = new Date("2026-12-03T13:00:00Z"); // two days later, 10:00 in São Paulo
const meta = { requestId: "it", ip: "127.0.0.1", userAgent: "vitest" };

function capture() {
  const sent: { to: string; message: OutgoingMessage }[] = [];
  const drivers: ChannelDrivers = {
    EMAIL: { send: async (to, message) => void sent.push({ to, message }) },
    SMS: { send: async (to, message) => void sent.push({ to, message }) },
  };
  return { sent, drivers };
}
const info = (retryCount = 0) => ({ jobId: "job-1", retryCount, retryLimit: 2 });
const rows = (appointmentId: string) => asOwner<{ channel: string; offset_minutes: number; status: string; scheduled_for: Date; id: string; attempts: number }>(
  "SELECT id, channel, offset_minutes, status, scheduled_for, attempts FROM appointment_reminders WHERE appointment_id = $1 ORDER BY offset_minutes DESC, channel", [appointmentId]);

afterAll(() => closeMailTransport());

describe("reminders", () => {
  it("plans one row per offset per channel, PENDING only where the patient consented", async () => {
    const tenant = await createTenant({ settings: { scheduling: { reminderOffsetsMinutes: [1440, 120] } } });
    const doctor = await doctorOf(tenant);
    const patient = await patientWith(tenant, { email: true, sms: false });
    const a = await bookedAppointment(tenant, patient.id, doctor.id, START, NOW);
    const r = await rows(a.id);
    expect(r.map((x) => [x.offset_minutes, x.channel, x.status])).toEqual([
      [1440, "EMAIL", "PENDING"], [1440, "SMS", "SKIPPED_NO_CONSENT"], [120, "EMAIL", "PENDING"], [120, "SMS", "SKIPPED_NO_CONSENT"],
    ]);
    expect(r[0]!.scheduled_for.toISOString()).toBe("2026-12-02T13:00:00.000Z");
  });

  it("dispatches only what is due at the moved clock, sends once, records the attempt; confirm link changes the status", async () => {
    const tenant = await createTenant();
    const doctor = await doctorOf(tenant);
    const patient = await patientWith(tenant, { email: true });
    const a = await bookedAppointment(tenant, patient.id, doctor.id, START, NOW);
    const ctx = scopeFor(tenant);
    expect((await collectDueWork(ctx, NOW)).reminderIds).toEqual([]);
    const due = await collectDueWork(ctx, new Date("2026-12-02T13:00:30Z"));
    expect(due.reminderIds).toHaveLength(1);
    const { sent, drivers } = capture();
    const at = new Date("2026-12-02T13:01:00Z");
    expect(await deliverReminder(ctx, due.reminderIds[0]!, info(), { drivers, now: () => at })).toBe("SENT");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe("paciente@example.test");
    expect(sent[0]!.message.text).toContain("03/12/2026 às 10:00");
    // A second delivery of the same reminder (a duplicate job) sends nothing.
    expect(await deliverReminder(ctx, due.reminderIds[0]!, info(), { drivers, now: () => at })).toBe("SKIPPED");
    expect(sent).toHaveLength(1);
    const attempts = await asOwner("SELECT attempt, outcome FROM appointment_reminder_attempts WHERE reminder_id = $1", [due.reminderIds[0]]);
    expect(attempts).toEqual([{ attempt: 1, outcome: "SENT" }]);

    const confirmToken = sent[0]!.message.text.match(/Confirmar presença: \S+\/a\/(\S+)/)![1]!;
    await actOnLink(tenant.slug, confirmToken, meta, at);
    const [appt] = await asOwner<{ status: string }>("SELECT status FROM appointments WHERE id = $1", [a.id]);
    expect(appt!.status).toBe("CONFIRMED");
  });

  it("retries a failing transport with every attempt recorded, and marks FAILED after the last", async () => {
    const tenant = await createTenant();
    const doctor = await doctorOf(tenant);
    const patient = await patientWith(tenant, { email: true });
    await bookedAppointment(tenant, patient.id, doctor.id, START, NOW);
    const ctx = scopeFor(tenant);
    const [id] = (await collectDueWork(ctx, new Date("2026-12-02T14:00:00Z"))).reminderIds;
    const failing: ChannelDrivers = { EMAIL: { send: async () => { throw new Error("SMTP 451 try later"); } } };
    for (let retry = 0; retry <= 2; retry++) {
      await expect(deliverReminder(ctx, id!, info(retry), { drivers: failing, now: () => new Date("2026-12-02T14:00:00Z") })).rejects.toThrow("SMTP 451");
    }
    const attempts = await asOwner<{ attempt: number; outcome: string; error: string }>(
      "SELECT attempt, outcome, error FROM appointment_reminder_attempts WHERE reminder_id = $1 ORDER BY attempt", [id]);
    expect(attempts.map((x) => [x.attempt, x.outcome])).toEqual([[1, "FAILED"], [2, "FAILED"], [3, "FAILED"]]);
    const [r] = await asOwner<{ status: string; attempts: number }>("SELECT status, attempts FROM appointment_reminders WHERE id = $1", [id]);
    expect(r).toEqual({ status: "FAILED", attempts: 3 });
  });

  it("does not send when consent was withdrawn after planning", async () => {
    const tenant = await createTenant();
    const doctor = await doctorOf(tenant);
    const patient = await patientWith(tenant, { email: true });
    await bookedAppointment(tenant, patient.id, doctor.id, START, NOW);
    await asOwner("UPDATE patients SET consent_email = false WHERE id = $1", [patient.id]);
    const ctx = scopeFor(tenant);
    const [id] = (await collectDueWork(ctx, new Date("2026-12-02T14:00:00Z"))).reminderIds;
    const { sent, drivers } = capture();
    expect(await deliverReminder(ctx, id!, info(), { drivers, now: () => new Date("2026-12-02T14:00:00Z") })).toBe("SKIPPED");
    expect(sent).toEqual([]);
  });

  it("reschedule and cancellation cancel pending reminders", async () => {
    const tenant = await createTenant();
    const doctor = await doctorOf(tenant);
    const patient = await patientWith(tenant, { email: true, sms: true });
    const a = await bookedAppointment(tenant, patient.id, doctor.id, START, NOW);
    const b = await bookedAppointment(tenant, patient.id, doctor.id, new Date("2026-12-04T13:00:00Z"), NOW);
    const ctx = scopeFor(tenant);
    await withTenant(ctx, (tx) => afterAppointmentRescheduled(tx, ctx, a, b, { now: NOW }));
    expect((await rows(a.id)).every((r) => r.status === "CANCELLED")).toBe(true);
    expect((await rows(b.id)).filter((r) => r.status === "PENDING")).toHaveLength(4);
    await withTenant(ctx, (tx) => afterAppointmentCancelled(tx, ctx, b, { now: NOW }));
    expect((await rows(b.id)).every((r) => r.status === "CANCELLED")).toBe(true);
  });
});

describe("staff view of an appointment's reminders", () => {
  it("lists them for staff of the clinic; another clinic and a patient get not found / forbidden", async () => {
    const tenant = await createTenant();
    const doctor = await doctorOf(tenant);
    const patient = await patientWith(tenant, { sms: true });
    const a = await bookedAppointment(tenant, patient.id, doctor.id, START, NOW);
    const secretary = await createUser(tenant, { roles: ["secretary"] });
    const view = await getAppointmentEngagement(scopeFor(tenant, secretary, ["secretary"]), a.id);
    expect(view.reminders.map((r) => [r.channel, r.status])).toEqual([
      ["EMAIL", "SKIPPED_NO_CONSENT"], ["SMS", "PENDING"], ["EMAIL", "SKIPPED_NO_CONSENT"], ["SMS", "PENDING"],
    ]);
    const other = await createTenant();
    const outsider = await createUser(other, { roles: ["secretary"] });
    await expect(getAppointmentEngagement(scopeFor(other, outsider, ["secretary"]), a.id)).rejects.toMatchObject({ code: "not_found" });
    const portalUser = await createUser(tenant, { roles: ["patient"] });
    await expect(getAppointmentEngagement(scopeFor(tenant, portalUser, ["patient"]), a.id)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("signed links", () => {
  it("refuses tampered, expired, other-purpose and other-tenant tokens", async () => {
    const tenant = await createTenant();
    const other = await createTenant();
    const doctor = await doctorOf(tenant);
    const patient = await patientWith(tenant, { email: true });
    const a = await bookedAppointment(tenant, patient.id, doctor.id, START, NOW);
    const token = signLink(tenant.id, { purpose: "confirm", id: a.id, expiresAt: START, version: "" });
    expect(verifyLink(tenant.id, token, NOW)?.purpose).toBe("confirm");
    expect(verifyLink(tenant.id, token, START)).toBeNull();
    expect(verifyLink(other.id, token, NOW)).toBeNull();
    const [payload, mac] = token.split(".");
    const forged = Buffer.from(Buffer.from(payload!, "base64url").toString().replace(/^c/, "x")).toString("base64url");
    expect(verifyLink(tenant.id, `${forged}.${mac}`, NOW)).toBeNull();
    expect(await getLinkView(other.slug, token, meta, NOW)).toBeNull();
    await expect(actOnLink(other.slug, token, meta, NOW)).rejects.toMatchObject({ code: "not_found" });
    const [appt] = await asOwner<{ status: string }>("SELECT status FROM appointments WHERE id = $1", [a.id]);
    expect(appt!.status).toBe("SCHEDULED");
  });

  it("refuses a cancellation inside the clinic's minimum notice", async () => {
    const tenant = await createTenant({ settings: { scheduling: { minCancellationNoticeHours: 48 } } });
    const doctor = await doctorOf(tenant);
    const patient = await patientWith(tenant, { email: true });
    const a = await bookedAppointment(tenant, patient.id, doctor.id, START, NOW);
    const token = signLink(tenant.id, { purpose: "cancel", id: a.id, expiresAt: START, version: "" });
    const late = new Date("2026-12-02T12:00:00Z");
    expect(await getLinkView(tenant.slug, token, meta, late)).toMatchObject({ purpose: "cancel", cancelBlocked: true });
    await expect(actOnLink(tenant.slug, token, meta, late)).rejects.toMatchObject({ code: "unprocessable" });
    await actOnLink(tenant.slug, token, meta, NOW);
    const [appt] = await asOwner<{ status: string }>("SELECT status FROM appointments WHERE id = $1", [a.id]);
    expect(appt!.status).toBe("CANCELLED");
  });
});

describe("waitlist", () => {
  it("offers a freed slot to the first matching entry, and passes it on when the offer expires", async () => {
    const tenant = await createTenant({ settings: { scheduling: { waitlistOfferMinutes: 60 } } });
    const doctor = await doctorOf(tenant);
    const staff = await createUser(tenant, { roles: ["secretary"] });
    const staffCtx: Context = { ...scopeFor(tenant, staff, ["secretary"]) };
    const holder = await patientWith(tenant, { email: true });
    const first = await patientWith(tenant, { email: true }, { email: "first@example.test", phone: "11911111111" });
    const second = await patientWith(tenant, { sms: true }, { email: "second@example.test", phone: "11922222222" });
    const window = { earliest: "2026-12-02", latest: "2026-12-05" };
    const e1 = await addToWaitlist(staffCtx, { patientId: first.id, doctorId: doctor.id, ...window });
    const e2 = await addToWaitlist(staffCtx, { patientId: second.id, ...window });
    await expect(addToWaitlist(staffCtx, { patientId: second.id, earliest: "2026-12-05", latest: "2026-12-01" }))
      .rejects.toMatchObject({ code: "validation", fields: { latest: expect.any(Array) } });

    const a = await bookedAppointment(tenant, holder.id, doctor.id, START, NOW);
    const ctx = scopeFor(tenant);
    // As scheduling does it: the status changes, then the hook runs, in one transaction.
    await withTenant(ctx, async (tx) => {
      await tx.appointment.update({ where: { tenantId_id: { tenantId: tenant.id, id: a.id } }, data: { status: "CANCELLED" }, select: { id: true } });
      await afterAppointmentCancelled(tx, ctx, a, { now: NOW });
    });
    const status = async (id: string) => (await asOwner<{ status: string }>("SELECT status FROM waitlist_entries WHERE id = $1", [id]))[0]!.status;
    expect(await status(e1.id)).toBe("OFFERED");
    expect(await status(e2.id)).toBe("WAITING");

    const due = await collectDueWork(ctx, NOW);
    expect(due.offers.map((o) => o.entryId)).toEqual([e1.id]);
    const { sent, drivers } = capture();
    expect(await notifyOffer(ctx, e1.id, { drivers, now: () => NOW })).toBe("SENT");
    expect(sent.map((s) => s.to)).toEqual(["first@example.test"]);

    const later = new Date(NOW.getTime() + 61 * 60_000);
    expect((await collectDueWork(ctx, later)).expiredOffers).toBe(1);
    expect(await status(e1.id)).toBe("EXPIRED");
    expect(await status(e2.id)).toBe("OFFERED");
    const token = sent[0]!.message.text.match(/\/a\/(\S+)/)![1]!;
    await expect(actOnLink(tenant.slug, token, meta, NOW)).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("telemedicine", () => {
  it("gives the appointment a room and shows the join link only after the patient accepts the TCLE", async () => {
    const tenant = await createTenant();
    const doctor = await doctorOf(tenant);
    const patientUser = await createUser(tenant, { roles: ["patient"] });
    const patient = await patientWith(tenant, {});
    await asOwner("UPDATE patients SET user_id = $1 WHERE id = $2", [patientUser.id, patient.id]);
    const a = await bookedAppointment(tenant, patient.id, doctor.id, START, NOW, "TELEMEDICINE");
    const [row] = await asOwner<{ telemedicine_room: string }>("SELECT telemedicine_room FROM appointments WHERE id = $1", [a.id]);
    expect(row!.telemedicine_room).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const ctx = scopeFor(tenant, patientUser, ["patient"]);
    expect(await getTeleconsultation(ctx, a.id)).toMatchObject({ consentAt: null, roomPath: null });
    await expect(getTelemedicineRoom(ctx, row!.telemedicine_room)).rejects.toMatchObject({ code: "not_found" });
    await acceptTelemedicineTerm(ctx, a.id, NOW);
    expect((await getTeleconsultation(ctx, a.id)).roomPath).toBe(`/portal/teleconsulta/sala/${row!.telemedicine_room}`);
    expect((await getTelemedicineRoom(ctx, row!.telemedicine_room)).appointmentId).toBe(a.id);
    const consents = await asOwner<{ purpose: string; term_version: string; ip: string }>("SELECT purpose, term_version, ip FROM consents WHERE patient_id = $1", [patient.id]);
    expect(consents).toEqual([{ purpose: "TELEMEDICINE", term_version: expect.stringMatching(/^tcle-/), ip: "127.0.0.1" }]);

    // Another patient of the same clinic, and anyone from another clinic, get "not found".
    const stranger = await createUser(tenant, { roles: ["patient"] });
    await expect(getTeleconsultation(scopeFor(tenant, stranger, ["patient"]), a.id)).rejects.toMatchObject({ code: "not_found" });
    const other = await createTenant();
    const outsider = await createUser(other, { roles: ["patient"] });
    await expect(getTeleconsultation(scopeFor(other, outsider, ["patient"]), a.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
