// The chart read and the timeline in process, without HTTP or the token check: time per call and
// SQL statements per call (every statement the app's pool sends, BEGIN and COMMIT included).
// What costs the chart read is round trips (docs/performance.md), so the count is the figure to
// watch when changing the read path; the milliseconds depend on the machine's load.
// Run by `npm run bench:ehr` after its seed (`-- --probe-only` skips the HTTP scenarios).
import pg from "pg";

let statements = 0;
let counting = false;

/** Counts every statement any pg client of this process sends (the app's pool included). */
function countStatements(): void {
  if (counting) return;
  counting = true;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
    statements += 1;
    if (process.env.PROBE_SQL) console.log(String(typeof args[0] === "string" ? args[0] : (args[0] as { text?: string })?.text).slice(0, 160));
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
}

export type ProbeFigure = { name: string; calls: number; p50: number; p95: number; statementsPerCall: number };

type Pick = { tenant_id: string; slug: string; patient_id: string; record_id: string; doctor_id: string; name: string; email: string };

/** The busiest chart: the patient with the most encounters, their newest record and its doctor. */
async function busiestChart(ownerUrl: string): Promise<Pick> {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows: [pick] } = await owner.query<Pick>(`
      WITH busiest AS (
        SELECT tenant_id, patient_id FROM medical_records GROUP BY tenant_id, patient_id ORDER BY count(*) DESC LIMIT 1)
      SELECT r.tenant_id, t.slug, r.patient_id, r.id AS record_id, r.doctor_id, u.name, u.email
        FROM medical_records r JOIN busiest b USING (tenant_id, patient_id)
        JOIN tenants t ON t.id = r.tenant_id JOIN users u ON u.tenant_id = r.tenant_id AND u.id = r.doctor_id
       ORDER BY r.occurred_at DESC LIMIT 1`);
    if (!pick) throw new Error("no medical records to probe");
    return pick;
  } finally {
    await owner.end();
  }
}

/** `ownerUrl`: the seeded database; the process env already holds its keys and the app's URL. */
export async function probeInProcess(ownerUrl: string, runs: number, log: (line: string) => void): Promise<ProbeFigure[]> {
  countStatements();
  const pick = await busiestChart(ownerUrl);
  // Imported late: the app's modules read the environment the benchmark has just set.
  const { permissionsFor } = await import("../../lib/auth/policy");
  const { getRecord } = await import("../../lib/ehr/records/queries");
  const { getPatientTimeline } = await import("../../lib/ehr/timeline/queries");
  const { parseTimelineParams } = await import("../../lib/ehr/timeline/schemas");
  const ctx = {
    tenantId: pick.tenant_id, tenantSlug: pick.slug, timeZone: "America/Sao_Paulo",
    user: { id: pick.doctor_id, name: pick.name, email: pick.email }, roles: ["doctor" as const],
    permissions: await permissionsFor(["doctor"]), requestId: crypto.randomUUID(), ip: null, userAgent: "bench-probe",
  };
  const figures: ProbeFigure[] = [];
  async function probe(name: string, fn: () => Promise<unknown>) {
    for (let i = 0; i < 20; i++) await fn();
    const times: number[] = [];
    const before = statements;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await fn();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => Number(times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1));
    const figure = { name, calls: runs, p50: at(0.5), p95: at(0.95), statementsPerCall: Number(((statements - before) / runs).toFixed(1)) };
    log(`  ${name.padEnd(20)} p50 ${figure.p50} ms  p95 ${figure.p95} ms  ${figure.statementsPerCall} statements per call`);
    figures.push(figure);
  }
  log(`in process (${runs} calls each, no HTTP, no token check):`);
  await probe("getRecord", () => getRecord(ctx, pick.record_id));
  await probe("getPatientTimeline", () => getPatientTimeline(ctx, pick.patient_id, parseTimelineParams({})));
  return figures;
}
