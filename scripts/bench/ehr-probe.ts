// The chart read and the timeline in process, without HTTP or the token check: time per call and
// SQL statements per call (every statement the app's pool sends, BEGIN and COMMIT included).
// What costs the chart read is round trips (docs/performance.md), so the count is the figure to
// watch when changing the read path; the milliseconds depend on the machine's load.
// Run by `npm run bench:ehr` after its seed (`-- --probe-only` skips the HTTP scenarios).
import pg from "pg";
import { probe, type ProbeFigure } from "./probe";

export type { ProbeFigure };

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
    tenantSettings: {}, // as the API guard sets them: getRecord's one-statement path
  };
  log(`in process (${runs} calls each, no HTTP, no token check):`);
  return [
    await probe("getRecord", runs, () => getRecord(ctx, pick.record_id), log),
    await probe("getPatientTimeline", runs, () => getPatientTimeline(ctx, pick.patient_id, parseTimelineParams({})), log),
  ];
}
