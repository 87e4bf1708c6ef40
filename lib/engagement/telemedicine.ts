import { randomToken } from "@/lib/crypto/tokens";
import type { Tx } from "@/lib/db/client";

// The room of a teleconsulta: an unguessable id (192 bits) given at booking. The video provider
// is configuration (TELEMEDICINE_PROVIDER_URL, see docs): the id is what a provider's room
// would be named after; the join page and its consent gate live in telemedicine-portal.ts.

/** Gives the appointment a room unless it has one (one statement; a second call changes nothing). */
export async function ensureTelemedicineRoom(tx: Tx, appointmentId: string): Promise<void> {
  await tx.appointment.updateMany({ where: { id: appointmentId, telemedicineRoom: null }, data: { telemedicineRoom: randomToken(24) } });
}

/** A reschedule keeps the patient's accepted term: same patient, same kind of visit. */
export async function carryTelemedicineConsent(tx: Tx, fromId: string, toId: string): Promise<void> {
  const from = await tx.appointment.findFirst({ where: { id: fromId }, select: { telemedicineConsentAt: true, patientId: true } });
  if (!from?.telemedicineConsentAt) return;
  await tx.appointment.updateMany({
    where: { id: toId, patientId: from.patientId, modality: "TELEMEDICINE", telemedicineConsentAt: null },
    data: { telemedicineConsentAt: from.telemedicineConsentAt },
  });
}
