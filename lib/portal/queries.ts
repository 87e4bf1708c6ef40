import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { forbidden } from "@/lib/errors";
import type { AppointmentStatus } from "@/lib/generated/prisma/enums";

export type PortalAppointment = {
  id: string;
  startsAt: string;
  status: AppointmentStatus;
  doctorName: string;
  modality: "IN_PERSON" | "TELEMEDICINE";
};

export type PortalHome = { patientName: string | null; upcoming: PortalAppointment[] };

/** The signed-in patient's own upcoming appointments; never anyone else's. */
export async function getPortalHome(ctx: Context, now: Date = new Date()): Promise<PortalHome> {
  if (!ctx.user || !can(ctx, "portal:self")) throw forbidden();
  const userId = ctx.user.id;
  return withTenant(ctx, async (tx) => {
    const patient = await tx.patient.findFirst({ where: { userId }, select: { id: true, fullName: true, socialName: true } });
    if (!patient) return { patientName: null, upcoming: [] };
    const rows = await tx.appointment.findMany({
      where: { patientId: patient.id, startsAt: { gte: now }, status: { notIn: ["CANCELLED", "NO_SHOW"] } },
      orderBy: { startsAt: "asc" },
      take: 20,
      select: { id: true, startsAt: true, status: true, modality: true, doctor: { select: { name: true } } },
    });
    return {
      patientName: patient.socialName ?? patient.fullName,
      upcoming: rows.map((r) => ({
        id: r.id, startsAt: r.startsAt.toISOString(), status: r.status, doctorName: r.doctor.name, modality: r.modality,
      })),
    };
  });
}
