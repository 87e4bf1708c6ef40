import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { FREE_TEXT, openText, sealText } from "@/lib/crypto/free-text";
import { withTenant } from "@/lib/db/tenant";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { localDayBounds } from "@/lib/scheduling/time";
import { parseInput } from "@/lib/users/parse";
import { waitlistEntrySchema, type WaitlistRow } from "./waitlist-schemas";

// The front desk's waitlist: who wants an earlier slot, with which doctor (or any), within
// which days. Offers are made by the cancellation hook (waitlist-offers.ts), not from here.

const OPEN = ["WAITING", "OFFERED"] as const;

export async function addToWaitlist(ctx: Context, input: unknown): Promise<{ id: string }> {
  if (!can(ctx, "appointments:write")) throw forbidden();
  const data = parseInput(waitlistEntrySchema, input);
  const earliest = localDayBounds(data.earliest, ctx.timeZone).from;
  const latest = localDayBounds(data.latest, ctx.timeZone).to;
  return withTenant(ctx, async (tx) => {
    const patient = await tx.patient.findFirst({ where: { id: data.patientId, status: "ACTIVE" }, select: { id: true } });
    if (!patient) throw notFound("Paciente");
    if (data.doctorId) {
      const doctor = await tx.user.findFirst({ where: { id: data.doctorId, status: "ACTIVE", roles: { some: { role: "doctor" } } }, select: { id: true } });
      if (!doctor) throw new AppError("validation", "Revise os campos destacados.", { doctorId: ["Médico não encontrado."] });
    }
    const entry = await tx.waitlistEntry.create({
      data: { patientId: patient.id, doctorId: data.doctorId, earliest, latest,
        notesEnc: sealText(ctx.tenantId, FREE_TEXT.waitlistNotes, data.notes), createdBy: ctx.user?.id ?? null },
      select: { id: true },
    });
    await recordAudit(tx, ctx, {
      action: "waitlist.added", entityType: "waitlist_entry", entityId: entry.id,
      metadata: { patientId: patient.id, doctorId: data.doctorId, earliest: earliest.toISOString(), latest: latest.toISOString() },
    });
    return entry;
  });
}

export async function cancelWaitlistEntry(ctx: Context, id: unknown): Promise<void> {
  if (!can(ctx, "appointments:write")) throw forbidden();
  const entryId = parseInput(z.uuid("Identificador inválido."), id);
  await withTenant(ctx, async (tx) => {
    const entry = await tx.waitlistEntry.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: entryId } }, select: { status: true } });
    if (!entry) throw notFound("Registro da lista de espera");
    const { count } = await tx.waitlistEntry.updateMany({ where: { id: entryId, status: { in: [...OPEN] } }, data: { status: "CANCELLED" } });
    if (count === 0) throw new AppError("conflict", "Este registro já foi encerrado.");
    await recordAudit(tx, ctx, { action: "waitlist.cancelled", entityType: "waitlist_entry", entityId: entryId, metadata: { before: entry.status } });
  });
}

export async function listWaitlist(ctx: Context): Promise<WaitlistRow[]> {
  if (!can(ctx, "appointments:read")) throw forbidden();
  const rows = await withTenant(ctx, (tx) => tx.waitlistEntry.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    where: { OR: [{ status: { in: [...OPEN] } }, { updatedAt: { gte: new Date(Date.now() - 7 * 86_400_000) } }] },
    take: 200,
    select: {
      id: true, earliest: true, latest: true, status: true, notesEnc: true, legacyNotes: true, offeredStartsAt: true, offerExpiresAt: true,
      offerNotifiedAt: true, createdAt: true,
      patient: { select: { fullName: true, socialName: true } }, doctor: { select: { name: true } },
    },
  }));
  return rows.map((r) => ({
    id: r.id, patientName: r.patient.socialName ?? r.patient.fullName, doctorName: r.doctor?.name ?? null,
    earliest: r.earliest.toISOString(), latest: r.latest.toISOString(), status: r.status, notes: openText(ctx.tenantId, FREE_TEXT.waitlistNotes, r.notesEnc, r.legacyNotes),
    offeredStartsAt: r.offeredStartsAt?.toISOString() ?? null, offerExpiresAt: r.offerExpiresAt?.toISOString() ?? null,
    offerNotified: r.offerNotifiedAt !== null, createdAt: r.createdAt.toISOString(),
  }));
}

/** Doctors and (when searching) patients for the add form. */
export async function waitlistFormOptions(ctx: Context, patientQuery: string | undefined) {
  if (!can(ctx, "appointments:write")) throw forbidden();
  const q = patientQuery?.trim().toLowerCase().normalize("NFD").replace(/\p{M}/gu, "") ?? "";
  return withTenant(ctx, async (tx) => {
    const doctors = await tx.user.findMany({
      where: { status: "ACTIVE", roles: { some: { role: "doctor" } } }, orderBy: { name: "asc" }, select: { id: true, name: true },
    });
    const patients = q.length >= 2
      ? await tx.patient.findMany({
        where: { status: "ACTIVE", searchName: { contains: q } }, orderBy: { searchName: "asc" }, take: 10,
        select: { id: true, fullName: true, socialName: true, birthDate: true },
      })
      : [];
    return {
      doctors,
      patients: patients.map((p) => ({ id: p.id, name: p.socialName ?? p.fullName, birthDate: p.birthDate?.toISOString().slice(0, 10) ?? null })),
    };
  });
}
