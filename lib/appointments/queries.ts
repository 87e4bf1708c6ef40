import { TZDate } from "@date-fns/tz";
import { addDays, startOfDay } from "date-fns";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { forbidden } from "@/lib/errors";
import type { AppointmentStatus } from "@/lib/generated/prisma/enums";

export type DayAppointment = {
  id: string;
  startsAt: string;
  endsAt: string;
  status: AppointmentStatus;
  patientName: string;
  doctorName: string;
  modality: "IN_PERSON" | "TELEMEDICINE";
  isEncaixe: boolean;
};

/** [start, end) of the clinic's local day that contains `at`. */
export function localDayRange(timeZone: string, at: Date = new Date()): { from: Date; to: Date } {
  const from = startOfDay(new TZDate(at, timeZone));
  return { from: new Date(from.getTime()), to: new Date(addDays(from, 1).getTime()) };
}

/** Today's agenda. A doctor who does not also manage the front desk sees only their own. */
export async function listTodayAppointments(ctx: Context, at: Date = new Date()): Promise<DayAppointment[]> {
  if (!can(ctx, "appointments:read")) throw forbidden();
  const { from, to } = localDayRange(ctx.timeZone, at);
  const ownOnly = ctx.roles.includes("doctor") && !can(ctx, "appointments:checkin");
  const rows = await withTenant(ctx, (tx) => tx.appointment.findMany({
    where: {
      startsAt: { gte: from, lt: to },
      ...(ownOnly && ctx.user ? { doctorId: ctx.user.id } : {}),
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: {
      id: true, startsAt: true, endsAt: true, status: true, modality: true, isEncaixe: true,
      patient: { select: { fullName: true, socialName: true } },
      doctor: { select: { name: true } },
    },
  }));
  return rows.map((r) => ({
    id: r.id,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    status: r.status,
    // The social name is the one a person is called by (Decreto 8.727/2016).
    patientName: r.patient.socialName ?? r.patient.fullName,
    doctorName: r.doctor.name,
    modality: r.modality,
    isEncaixe: r.isEncaixe,
  }));
}
