import type { SeedTx } from "./db";
import type { TenantSpec } from "./tenants";
import type { SeededUser } from "./users";

// Insurers, rooms and one agenda per doctor. Natural keys (tenant + name, tenant + doctor) make
// every step "create what is missing", so reruns and later additions to the lists both work.

/** Mon–Fri, 08:00–12:00 and 13:00–18:00, as minutes from local midnight (0 = Sunday). */
export const WORKING_HOURS = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, startMinute: 8 * 60, endMinute: 12 * 60 },
  { weekday, startMinute: 13 * 60, endMinute: 18 * 60 },
]);
export const SLOT_MINUTES = 30;

export type SeededAgenda = { id: string; doctorId: string; doctorEmail: string; roomId: string | null };
export type Scheduling = { providers: Map<string, string>; agendas: SeededAgenda[]; created: number };

export async function ensureScheduling(
  tx: SeedTx, tenantId: string, spec: TenantSpec, doctors: SeededUser[],
): Promise<Scheduling> {
  let created = 0;
  created += (await tx.insuranceProvider.createMany({ data: spec.insurers, skipDuplicates: true })).count;
  created += (await tx.room.createMany({ data: spec.rooms.map((name) => ({ name })), skipDuplicates: true })).count;

  const providerRows = await tx.insuranceProvider.findMany({
    where: { tenantId, name: { in: spec.insurers.map((i) => i.name) } }, select: { id: true, name: true },
  });
  const providers = new Map(providerRows.map((p) => [p.name, p.id]));
  const rooms = await tx.room.findMany({ where: { tenantId, name: { in: spec.rooms } }, select: { id: true, name: true } });
  const roomIds = spec.rooms.map((name) => rooms.find((r) => r.name === name)?.id ?? null);

  const agendas: SeededAgenda[] = [];
  for (const [i, doctor] of doctors.entries()) {
    let agenda = await tx.agenda.findFirst({
      where: { tenantId, doctorId: doctor.id }, orderBy: { createdAt: "asc" }, select: { id: true, roomId: true },
    });
    if (!agenda) {
      agenda = await tx.agenda.create({
        data: {
          doctorId: doctor.id, name: `Agenda ${doctor.name}`, slotMinutes: SLOT_MINUTES,
          roomId: roomIds[i % roomIds.length] ?? null, acceptsPrivate: true,
        },
        select: { id: true, roomId: true },
      });
      await tx.agendaWorkingHour.createMany({ data: WORKING_HOURS.map((h) => ({ ...h, agendaId: agenda!.id })) });
      created++;
    }
    // Every demo agenda accepts every insurer, including ones added to the list later.
    created += (await tx.agendaInsurer.createMany({
      data: [...providers.values()].map((insuranceProviderId) => ({ agendaId: agenda.id, insuranceProviderId })),
      skipDuplicates: true,
    })).count;
    agendas.push({ id: agenda.id, doctorId: doctor.id, doctorEmail: doctor.email, roomId: agenda.roomId });
  }
  return { providers, agendas, created };
}
