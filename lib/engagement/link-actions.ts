import { recordAudit } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import type { AppointmentStatus } from "@/lib/generated/prisma/enums";
import type { RequestMeta } from "@/lib/request";
import { cancelAppointmentAsPatient, transitionAndAudit } from "@/lib/scheduling/status/moves";
import { bookAppointment } from "@/lib/scheduling/booking";
import { findTenant } from "@/lib/tenancy/current";
import { verifyLink, type LinkClaims } from "./links";
import { tenantFacts } from "./tenant-facts";
import { offerVersion } from "./waitlist-notify";

// The pages behind the links in reminders and offers (app/t/[tenant]/a/[token]). No sign-in:
// the signed token is the credential, and it only ever reaches its one record for its one
// purpose. A bad, expired, other-clinic or other-purpose token is "not found", the same answer
// as a token that never existed. Changes are made by a POST (server action), never by opening
// the link: mail scanners follow links. The actor is the patient, recorded as via link.

export type LinkView =
  | { purpose: "confirm" | "cancel"; clinic: Clinic; startsAt: string; doctorName: string; modality: "IN_PERSON" | "TELEMEDICINE";
      status: AppointmentStatus; cancelBlocked: boolean }
  | { purpose: "offer"; clinic: Clinic; startsAt: string; doctorName: string; expiresAt: string; state: "open" | "booked" | "gone" };
type Clinic = { name: string; phone: string | null; timeZone: string; noticeHours: number };

type Meta = Pick<RequestMeta, "requestId" | "ip" | "userAgent">;

async function resolve(tenantSlug: string, token: string, meta: Meta, now: Date): Promise<{ ctx: Context; claims: LinkClaims } | null> {
  const tenant = await findTenant(tenantSlug);
  if (!tenant || tenant.status !== "ACTIVE") return null;
  const claims = verifyLink(tenant.id, token, now);
  if (!claims) return null;
  const ctx: Context = {
    tenantId: tenant.id, tenantSlug: tenant.slug, timeZone: tenant.timeZone, user: null, roles: [],
    permissions: new Set(), requestId: meta.requestId, ip: meta.ip, userAgent: meta.userAgent,
  };
  return { ctx, claims };
}

const gone = () => new AppError("not_found", "Link inválido ou expirado.");

export async function getLinkView(tenantSlug: string, token: string, meta: Meta, now: Date = new Date()): Promise<LinkView | null> {
  const found = await resolve(tenantSlug, token, meta, now);
  if (!found) return null;
  const { ctx, claims } = found;
  return withTenant(ctx, async (tx) => {
    const t = await tenantFacts(tx, ctx.tenantId);
    const clinic = { name: t.name, phone: t.phone, timeZone: t.timeZone, noticeHours: t.settings.scheduling.minCancellationNoticeHours };
    if (claims.purpose === "offer") {
      const e = await tx.waitlistEntry.findUnique({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: claims.id } },
        select: { status: true, offeredAt: true, offeredStartsAt: true, offerExpiresAt: true, offeredDoctorId: true },
      });
      if (!e?.offeredAt || offerVersion(e.offeredAt) !== claims.version) return null;
      const doctor = await tx.user.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: e.offeredDoctorId! } }, select: { name: true } });
      const state = e.status === "OFFERED" && e.offerExpiresAt! > now ? "open" : e.status === "BOOKED" ? "booked" : "gone";
      return { purpose: "offer", clinic, startsAt: e.offeredStartsAt!.toISOString(), doctorName: doctor?.name ?? "", expiresAt: e.offerExpiresAt!.toISOString(), state };
    }
    const a = await tx.appointment.findUnique({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: claims.id } }, select: { startsAt: true, status: true, modality: true, doctor: { select: { name: true } } },
    });
    if (!a) return null;
    const cancelBlocked = a.startsAt.getTime() - now.getTime() < clinic.noticeHours * 3_600_000;
    return { purpose: claims.purpose, clinic, startsAt: a.startsAt.toISOString(), doctorName: a.doctor.name, modality: a.modality, status: a.status, cancelBlocked };
  });
}

/** Performs the link's one action. Returns the view as it stands afterwards. */
export async function actOnLink(tenantSlug: string, token: string, meta: Meta, now: Date = new Date()): Promise<LinkView> {
  const found = await resolve(tenantSlug, token, meta, now);
  if (!found) throw gone();
  const { ctx, claims } = found;
  if (claims.purpose === "confirm") await confirmByLink(ctx, claims.id, now);
  else if (claims.purpose === "cancel") await cancelByLink(ctx, claims.id, now);
  else await acceptOffer(ctx, claims, now);
  const view = await getLinkView(tenantSlug, token, meta, now);
  if (!view) throw gone();
  return view;
}

async function confirmByLink(ctx: Context, appointmentId: string, now: Date) {
  await withTenant(ctx, async (tx) => {
    const a = await tx.appointment.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: appointmentId } }, select: { status: true, patientId: true } });
    if (!a) throw gone();
    if (a.status === "CONFIRMED") return; // a second click is not an error
    if (a.status !== "SCHEDULED") throw new AppError("conflict", "Esta consulta não pode mais ser confirmada.");
    await transitionAndAudit(tx, ctx, appointmentId, "CONFIRMED", undefined, now, { patientId: a.patientId, by: "patient" });
  });
}

async function cancelByLink(ctx: Context, appointmentId: string, now: Date) {
  const patientId = await withTenant(ctx, async (tx) =>
    (await tx.appointment.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: appointmentId } }, select: { patientId: true } }))?.patientId);
  if (!patientId) throw gone();
  await cancelAppointmentAsPatient(ctx, { appointmentId, patientId, reason: "cancelado pelo paciente (link do lembrete)" }, now);
}

async function acceptOffer(ctx: Context, claims: LinkClaims, now: Date) {
  const entry = await withTenant(ctx, (tx) => tx.waitlistEntry.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: claims.id } } }));
  if (!entry?.offeredAt || offerVersion(entry.offeredAt) !== claims.version) throw gone();
  if (entry.status === "BOOKED") return;
  if (entry.status !== "OFFERED" || entry.offerExpiresAt! <= now) throw new AppError("conflict", "Esta oferta não está mais disponível.");
  if (!entry.offeredAgendaId) throw new AppError("conflict", "Este horário precisa ser marcado pela clínica. Entre em contato.");
  // Booking goes through scheduling (slot rules, exclusion constraint against a racing booking),
  // acting for the patient with the one permission it needs.
  const bookingCtx: Context = { ...ctx, permissions: new Set(["appointments:write"]) };
  const patient = await withTenant(ctx, (tx) => tx.patient.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: entry.patientId } }, select: { insuranceProviderId: true } }));
  let bookedId: string;
  try {
    ({ id: bookedId } = await bookAppointment(bookingCtx, {
      agendaId: entry.offeredAgendaId, patientId: entry.patientId, startsAt: entry.offeredStartsAt!.toISOString(),
      modality: entry.offeredModality ?? "IN_PERSON", insuranceProviderId: patient?.insuranceProviderId ?? null,
    }, now));
  } catch (error) {
    if (error instanceof AppError && (error.code === "conflict" || error.code === "validation")) {
      await withTenant(ctx, async (tx) => {
        // The slot is gone (someone booked it first): the patient keeps their place in line.
        const { count } = await tx.waitlistEntry.updateMany({ where: { id: entry.id, status: "OFFERED" }, data: { status: "WAITING" } });
        if (count) await recordAudit(tx, ctx, { action: "waitlist.offer_lost", entityType: "waitlist_entry", entityId: entry.id });
      });
      throw new AppError("conflict", "Este horário não está mais disponível. Você continua na lista de espera.");
    }
    throw error;
  }
  await withTenant(ctx, async (tx) => {
    await tx.waitlistEntry.updateMany({ where: { id: entry.id, status: "OFFERED" }, data: { status: "BOOKED", bookedAppointmentId: bookedId } });
    await recordAudit(tx, ctx, { action: "waitlist.booked", entityType: "waitlist_entry", entityId: entry.id, metadata: { appointmentId: bookedId, by: "patient" } });
  });
}
