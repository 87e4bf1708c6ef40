import { z } from "zod";
import { text } from "@/lib/validation/text";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/users/parse";
import { TCLE_VERSION } from "./tcle";

// The patient's side of a teleconsulta (portal): see it, accept the TCLE, then get the room
// link. Only the signed-in patient whose appointment it is gets past `not found`; the link to
// the room does not exist for them until the term is accepted, and the room page checks again.

export type Teleconsultation = {
  id: string;
  startsAt: string;
  doctorName: string;
  status: string;
  consentAt: string | null;
  termVersion: string;
  roomPath: string | null;
};

const ACTIVE = ["SCHEDULED", "CONFIRMED", "ARRIVED", "IN_PROGRESS"] as const;

async function ownTeleconsultation(tx: Tx, ctx: Context, where: { id: string } | { telemedicineRoom: string }) {
  if (!ctx.user || !can(ctx, "portal:self")) throw forbidden();
  const patient = await tx.patient.findFirst({ where: { userId: ctx.user.id }, select: { id: true } });
  if (!patient) throw notFound("Consulta");
  const a = await tx.appointment.findFirst({
    where: { ...where, patientId: patient.id, modality: "TELEMEDICINE" },
    select: { id: true, patientId: true, startsAt: true, status: true, telemedicineRoom: true, telemedicineConsentAt: true, doctor: { select: { name: true } } },
  });
  if (!a) throw notFound("Consulta");
  return a;
}

const roomPath = (room: string | null) => (room ? `/portal/teleconsulta/sala/${room}` : null);

export async function getTeleconsultation(ctx: Context, id: unknown): Promise<Teleconsultation> {
  const appointmentId = parseInput(z.uuid("Identificador inválido."), id);
  return withTenant(ctx, async (tx) => {
    const a = await ownTeleconsultation(tx, ctx, { id: appointmentId });
    return {
      id: a.id, startsAt: a.startsAt.toISOString(), doctorName: a.doctor.name, status: a.status,
      consentAt: a.telemedicineConsentAt?.toISOString() ?? null, termVersion: TCLE_VERSION,
      roomPath: a.telemedicineConsentAt && (ACTIVE as readonly string[]).includes(a.status) ? roomPath(a.telemedicineRoom) : null,
    };
  });
}

/** Records the patient's acceptance: a consents row (version, time, IP) and the appointment's stamp. */
export async function acceptTelemedicineTerm(ctx: Context, id: unknown, now: Date = new Date()): Promise<void> {
  const appointmentId = parseInput(z.uuid("Identificador inválido."), id);
  await withTenant(ctx, async (tx) => {
    const a = await ownTeleconsultation(tx, ctx, { id: appointmentId });
    if (a.telemedicineConsentAt) return;
    if (!(ACTIVE as readonly string[]).includes(a.status)) throw new AppError("conflict", "Esta teleconsulta não está mais ativa.");
    const consent = await tx.consent.create({
      data: { patientId: a.patientId, purpose: "TELEMEDICINE", legalBasis: "CONSENT", termVersion: TCLE_VERSION, givenAt: now, ip: ctx.ip, recordedBy: ctx.user!.id },
      select: { id: true },
    });
    await tx.appointment.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: a.id } }, data: { telemedicineConsentAt: now }, select: { id: true } });
    await recordAudit(tx, ctx, {
      action: "telemedicine.consent_accepted", entityType: "appointment", entityId: a.id,
      metadata: { consentId: consent.id, termVersion: TCLE_VERSION },
    });
  });
}

export type TelemedicineRoom = { appointmentId: string; startsAt: string; doctorName: string; room: string };

/** The waiting room: only for the patient who accepted the term of this very appointment. */
export async function getTelemedicineRoom(ctx: Context, room: unknown): Promise<TelemedicineRoom> {
  const roomId = parseInput(text().regex(/^[A-Za-z0-9_-]{20,64}$/, "Sala inválida."), room);
  return withTenant(ctx, async (tx) => {
    const a = await ownTeleconsultation(tx, ctx, { telemedicineRoom: roomId });
    if (!a.telemedicineConsentAt || !(ACTIVE as readonly string[]).includes(a.status)) throw notFound("Sala");
    return { appointmentId: a.id, startsAt: a.startsAt.toISOString(), doctorName: a.doctor.name, room: roomId };
  });
}
