import { withTenant } from "@/lib/db/tenant";
import type { TestTenant } from "@/lib/testing/factories";
import { createPatient, createUser, scopeFor } from "@/lib/testing/factories";
import { afterAppointmentBooked, type AppointmentRef } from "./hooks";

// Integration-test helpers of this module: a doctor, a patient with chosen consents, and an
// appointment written the way booking writes one (row, then the booked hook, one transaction).

export async function patientWith(tenant: TestTenant, consent: { email?: boolean; sms?: boolean }, contact = { email: "paciente@example.test", phone: "11987654321" }) {
  const p = await createPatient(tenant, { phone: contact.phone });
  await withTenant(scopeFor(tenant), (tx) => tx.patient.update({
    where: { tenantId_id: { tenantId: tenant.id, id: p.id } }, data: { email: contact.email, consentEmail: !!consent.email, consentSms: !!consent.sms }, select: { id: true },
  }));
  return p;
}

export async function doctorOf(tenant: TestTenant) {
  return createUser(tenant, { roles: ["doctor"], name: "Dra. Teste" });
}

export async function bookedAppointment(
  tenant: TestTenant, patientId: string, doctorId: string, startsAt: Date, now: Date,
  modality: "IN_PERSON" | "TELEMEDICINE" = "IN_PERSON",
): Promise<AppointmentRef> {
  const ctx = scopeFor(tenant);
  return withTenant(ctx, async (tx) => {
    const a = await tx.appointment.create({
      data: { patientId, doctorId, startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000), modality },
      select: { id: true, patientId: true, doctorId: true, agendaId: true, startsAt: true, endsAt: true, modality: true },
    });
    await afterAppointmentBooked(tx, ctx, a, { now });
    return a;
  });
}
