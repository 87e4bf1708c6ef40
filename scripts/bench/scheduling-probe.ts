// Patient search, the day agenda and a booking in process, without HTTP, the token check or the idempotency
// claim: time and SQL statements per call (scripts/bench/probe.ts). The booking is the one the
// API makes (booking, read-back and its access log in one transaction), each call a distinct free
// slot of the large clinic's last doctor, 200 working days ahead and more: beyond the days the
// HTTP booking scenario fills.
// Run by `npm run bench:scheduling` after its seed (`-- --probe-only` skips the HTTP scenarios).
import pg from "pg";
import { benchId, KIND, SEEDED_SLOTS_PER_DAY, SLOTS_PER_DAY } from "./data";
import { probe, type ProbeFigure } from "./probe";
import { futureWeekdays, slotStart } from "./scenarios";
import type { SeedResult } from "./seed";

async function receptionist(ownerUrl: string, slug: string) {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows: [u] } = await owner.query<{ id: string; name: string; email: string }>(
      "SELECT id, name, email FROM users WHERE email = $1", [`staff0@${slug}.test`]);
    if (!u) throw new Error("no receptionist to probe as");
    return u;
  } finally {
    await owner.end();
  }
}

export async function probeScheduling(ownerUrl: string, seeded: SeedResult, runs: number, log: (line: string) => void): Promise<ProbeFigure[]> {
  const large = seeded.tenants[0]!;
  // Imported late: the app's modules read the environment the benchmark has just set.
  const { permissionsFor } = await import("../../lib/auth/policy");
  const { bookAppointment } = await import("../../lib/scheduling/booking");
  const { listAppointments, readAppointment } = await import("../../lib/scheduling/queries");
  const { searchPatients } = await import("../../lib/patients/search");
  const user = await receptionist(ownerUrl, large.slug);
  const ctx = {
    tenantId: large.id, tenantSlug: large.slug, timeZone: "America/Sao_Paulo", user, roles: ["secretary" as const],
    permissions: await permissionsFor(["secretary"]), requestId: crypto.randomUUID(), ip: null, userAgent: "bench-probe",
  };
  const doctor = large.doctors - 1;
  const day = `${seeded.firstMonday}T00:00:00-03:00`;
  const dayAfter = new Date(new Date(`${seeded.firstMonday}T12:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
  const free = SLOTS_PER_DAY - SEEDED_SLOTS_PER_DAY;
  const days = futureWeekdays(400).slice(200);
  let n = 0;
  log(`in process (${runs} calls each, no HTTP, no token check, no idempotency claim):`);
  const search = (q: string) => probe(`search "${q}"`, runs, () => searchPatients(ctx, { q, pageSize: 20 }), log);
  return [
    // A common name beside a rare one: over HTTP the rare one is slower (docs/performance.md).
    await search("maria"),
    await search("quintanilha"),
    await probe("day agenda", runs, () => listAppointments(ctx, {
      doctorId: benchId(0, KIND.doctor, doctor), from: day, to: `${dayAfter}T00:00:00-03:00`, limit: 50,
    }), log),
    await probe("booking", runs, () => {
      const k = n++;
      return bookAppointment(ctx, {
        agendaId: benchId(0, KIND.agenda, doctor), patientId: benchId(0, KIND.patient, k % large.patients),
        startsAt: slotStart(days[Math.floor(k / free)]!, SEEDED_SLOTS_PER_DAY + (k % free)),
      }, new Date(), { beforeAudit: async (tx, id) => { await readAppointment(tx, ctx, id); } });
    }, log),
  ];
}
