import { afterAll, describe, expect, it } from "vitest";
import { closeMailTransport } from "@/lib/mail/send";
import { bookAppointment } from "@/lib/scheduling/booking";
import { transitionAppointment } from "@/lib/scheduling/status/moves";
import { schedulingClinic, slotAt } from "@/lib/scheduling/test-fixtures";
import { asOwner, createTenant, createUser, scopeFor } from "@/lib/testing/factories";
import type { ChannelDrivers, OutgoingMessage } from "./channels";
import { actOnLink, getLinkView } from "./link-actions";
import { addToWaitlist, cancelWaitlistEntry, listWaitlist } from "./waitlist";
import { notifyOffer } from "./waitlist-notify";

// The waitlist through the real scheduling functions: a staff cancellation offers the slot,
// the patient accepts through the link in the message, and booking's rules and the exclusion
// constraint decide. A slot far in the future, because scheduling runs the hook with the real clock.

const SLOT = slotAt("2030-06-18T10:00");
const BOOKED_AT = new Date("2030-06-01T12:00:00Z");
const meta = { requestId: "it", ip: "127.0.0.1", userAgent: "vitest" };
afterAll(() => closeMailTransport());

async function clinicWithOffer() {
  const c = await schedulingClinic();
  const [holder, waiting, walkIn] = [c.patients[0]!, c.patients[1]!, c.patients[2]!];
  await asOwner("UPDATE patients SET email = 'espera@example.test', consent_email = true WHERE id = $1", [waiting.id]);
  const { id: appointmentId } = await bookAppointment(c.as.secretary, { agendaId: c.agendaId, patientId: holder.id, startsAt: SLOT.toISOString() }, BOOKED_AT);
  const entry = await addToWaitlist(c.as.secretary, { patientId: waiting.id, doctorId: c.doctor.id, earliest: "2030-06-17", latest: "2030-06-19" });
  await transitionAppointment(c.as.secretary, appointmentId, { to: "CANCELLED", reason: "paciente desistiu" }, BOOKED_AT);
  const sent: { to: string; message: OutgoingMessage }[] = [];
  const drivers: ChannelDrivers = { EMAIL: { send: async (to, message) => void sent.push({ to, message }) } };
  expect(await notifyOffer(scopeFor(c.tenant), entry.id, { drivers })).toBe("SENT");
  const token = sent[0]!.message.text.match(/Quero este horário: \S+\/a\/(\S+)/)![1]!;
  return { c, entry, token, waiting, walkIn };
}

const entryStatus = async (id: string) => (await asOwner<{ status: string; booked_appointment_id: string | null }>(
  "SELECT status, booked_appointment_id FROM waitlist_entries WHERE id = $1", [id]))[0]!;

describe("waitlist offers through scheduling", () => {
  it("the patient accepts the offer by its link and the slot is booked for them", async () => {
    const { c, entry, token, waiting } = await clinicWithOffer();
    expect(await getLinkView(c.tenant.slug, token, meta)).toMatchObject({ purpose: "offer", state: "open" });
    await actOnLink(c.tenant.slug, token, meta);
    const after = await entryStatus(entry.id);
    expect(after.status).toBe("BOOKED");
    const [appt] = await asOwner<{ patient_id: string; starts_at: Date; status: string }>(
      "SELECT patient_id, starts_at, status FROM appointments WHERE id = $1", [after.booked_appointment_id]);
    expect(appt).toEqual({ patient_id: waiting.id, starts_at: SLOT, status: "SCHEDULED" });
    // A second click changes nothing.
    await actOnLink(c.tenant.slug, token, meta);
    expect((await asOwner("SELECT id FROM appointments WHERE patient_id = $1", [waiting.id]))).toHaveLength(1);
  });

  it("when the slot was taken meanwhile, accepting says so and the patient keeps their place", async () => {
    const { c, entry, token, walkIn } = await clinicWithOffer();
    await bookAppointment(c.as.secretary, { agendaId: c.agendaId, patientId: walkIn.id, startsAt: SLOT.toISOString() }, BOOKED_AT);
    await expect(actOnLink(c.tenant.slug, token, meta)).rejects.toMatchObject({ code: "conflict" });
    expect((await entryStatus(entry.id)).status).toBe("WAITING");
  });

  it("another clinic's staff cannot see or remove an entry; finance may not manage the list", async () => {
    const { c, entry, token } = await clinicWithOffer();
    const other = await createTenant();
    const outsider = scopeFor(other, await createUser(other, { roles: ["secretary"] }), ["secretary"]);
    await expect(cancelWaitlistEntry(outsider, entry.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listWaitlist(outsider)).map((r) => r.id)).not.toContain(entry.id);
    await expect(cancelWaitlistEntry(c.as.finance, entry.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(addToWaitlist(c.as.finance, { patientId: c.patients[0]!.id, earliest: "2030-06-17", latest: "2030-06-19" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await getLinkView(other.slug, token, meta)).toBeNull();
    expect((await entryStatus(entry.id)).status).toBe("OFFERED");
    await cancelWaitlistEntry(c.as.secretary, entry.id);
    expect((await entryStatus(entry.id)).status).toBe("CANCELLED");
  });
});
