import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { createPatient, createTenant, createUser, ensureRoles, scopeFor, type TestTenant, type TestUser } from "@/lib/testing/factories";
import { createAgenda } from "./agendas";

// A clinic ready to book: a doctor with a Mon–Sun 08:00–12:00 + 13:00–18:00 agenda of 30-minute
// slots that accepts particular and one convênio, a second convênio it does not accept, and the
// contexts of each role. For integration tests only.

export type SchedulingClinic = {
  tenant: TestTenant; doctor: TestUser; otherDoctor: TestUser; agendaId: string; otherAgendaId: string;
  accepted: string; refused: string; patients: { id: string; fullName: string }[];
  as: { admin: Context; secretary: Context; doctor: Context; otherDoctor: Context; finance: Context };
};

const ALL_WEEK = [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) => [
  { weekday, start: "08:00", end: "12:00" }, { weekday, start: "13:00", end: "18:00" },
]);

export async function schedulingClinic(opts: { timeZone?: string; settings?: object } = {}): Promise<SchedulingClinic> {
  await ensureRoles();
  const tenant = await createTenant({ timeZone: opts.timeZone ?? "America/Sao_Paulo", settings: opts.settings });
  const [admin, secretary, doctor, otherDoctor, finance] = await Promise.all([
    createUser(tenant, { roles: ["admin"] }), createUser(tenant, { roles: ["secretary"], name: "Recepção Teste" }),
    createUser(tenant, { roles: ["doctor"], name: "Dra. Ana Souza" }), createUser(tenant, { roles: ["doctor"], name: "Dr. Bruno Lima" }),
    createUser(tenant, { roles: ["finance"] }),
  ]);
  const [accepted, refused] = await withTenant(scopeFor(tenant), async (tx) => {
    const ids: string[] = [];
    for (const name of ["Unimed Teste", "Amil Teste"]) ids.push((await tx.insuranceProvider.create({ data: { name }, select: { id: true } })).id);
    return ids;
  }) as [string, string];
  const adminCtx = scopeFor(tenant, admin, ["admin"]);
  const { id: agendaId } = await createAgenda(adminCtx, {
    name: "Agenda Dra. Ana", doctorId: doctor.id, slotMinutes: 30, acceptsPrivate: true, insurerIds: [accepted], workingHours: ALL_WEEK,
  });
  const { id: otherAgendaId } = await createAgenda(adminCtx, {
    name: "Agenda Dr. Bruno", doctorId: otherDoctor.id, slotMinutes: 30, acceptsPrivate: true, insurerIds: [], workingHours: ALL_WEEK,
  });
  const patients = await Promise.all(["Maria Lima", "José Alves", "Carla Dias"].map((fullName) => createPatient(tenant, { fullName })));
  return {
    tenant, doctor, otherDoctor, agendaId, otherAgendaId, accepted, refused, patients,
    as: {
      admin: adminCtx, secretary: scopeFor(tenant, secretary, ["secretary"]), doctor: scopeFor(tenant, doctor, ["doctor"]),
      otherDoctor: scopeFor(tenant, otherDoctor, ["doctor"]), finance: scopeFor(tenant, finance, ["finance"]),
    },
  };
}

/** A fixed "now" and a slot a few days after it, in São Paulo (UTC−3). */
export const NOW = new Date("2026-11-25T12:00:00Z");
export const slotAt = (isoLocal: string) => new Date(`${isoLocal}:00-03:00`);
