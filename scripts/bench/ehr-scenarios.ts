import pg from "pg";
import { benchId, KIND } from "./data";
import type { SeededCharts } from "./ehr-seed";
import { figuresOf, measure, type Figures, type Scenario } from "./load";
import { call, tokenFor } from "./scenarios";
import { fetchPage, webSession } from "./web-session";

// The EHR scenarios: the no-op ceiling first, then chart open through the API (decrypt + access
// log) at one client and at `connections`, the timeline of a 300-encounter chart through the API,
// the patient page of such a chart (its timeline is read server-side), and signing (create draft → save → sign through the API) one
// step after another at one client.

/** `only`: run the no-op line and the scenarios whose name contains it (to profile one of them). */
type Options = { duration: number; connections: number; ownerUrl: string; log: (line: string) => void; only?: string };

const SECTIONS = {
  chiefComplaint: "Retorno para controle.",
  historyOfPresentIllness: "Assintomático desde a última consulta, em uso regular da medicação.",
  examination: "BEG, PA 128/82 mmHg, FC 72 bpm, ausculta sem alterações.",
  assessment: "Hipertensão arterial controlada.",
  plan: "Manter conduta, retorno em 90 dias.",
};

async function ok(label: string, res: Promise<{ status: number; json: unknown }>, expected: number[]): Promise<Record<string, unknown>> {
  const r = await res;
  if (!expected.includes(r.status)) throw new Error(`${label}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json as Record<string, unknown>;
}

type Signing = { whole: Figures; steps: Figures[]; signedIds: string[] };

/** Create + save + sign, one after another, for `seconds`: each step timed and the whole. */
async function signing(port: number, host: string, token: string, c: SeededCharts, seconds: number): Promise<Signing> {
  const steps = { create: [] as number[], save: [] as number[], sign: [] as number[] };
  const whole: number[] = [];
  const signedIds: string[] = [];
  const statuses: Record<string, number> = {};
  const timed = async <T>(into: number[], fn: () => Promise<T>) => {
    const t0 = performance.now();
    const v = await fn();
    into.push(performance.now() - t0);
    return v;
  };
  const started = performance.now();
  for (let n = 0; performance.now() - started < seconds * 1000; n++) {
    // Patients past the seeded charts, so the 300-encounter timelines stay as seeded.
    const patientId = benchId(c.tenant.ordinal, KIND.patient, c.charts + (n % Math.max(1, c.tenant.patients - c.charts)));
    const t0 = performance.now();
    const created = await timed(steps.create, () => ok("create", call(port, host, "POST", "/api/v1/medical-records", { patientId }, token), [201]));
    const id = String(created.id);
    const saved = await timed(steps.save, () => ok("save", call(port, host, "PUT", `/api/v1/medical-records/${id}`,
      { version: created.version, sections: SECTIONS, diagnoses: [{ code: "I10", isMain: true }] }, token), [200]));
    await timed(steps.sign, () => ok("sign", call(port, host, "POST", `/api/v1/medical-records/${id}/sign`,
      { version: saved.version, contentHash: saved.contentHash }, token), [200]));
    whole.push(performance.now() - t0);
    statuses["200"] = (statuses["200"] ?? 0) + 1;
    signedIds.push(id);
  }
  const secs = (performance.now() - started) / 1000;
  return {
    whole: figuresOf("signing: create + save + sign (API), 1 client", 1, whole, secs, statuses),
    steps: Object.entries(steps).map(([k, t]) => figuresOf(`  step: ${k}`, 1, t, secs, { "200": t.length })),
    signedIds,
  };
}

export async function runEhrScenarios(baseUrl: string, port: number, c: SeededCharts, o: Options) {
  const host = `${c.tenant.slug}.localhost:${port}`;
  const doctor = `medico0@${c.tenant.slug}.test`;
  const figures: Figures[] = [];
  const NO_OP = "no-op (GET /api/health)";
  const wanted = (name: string) => !o.only || name === NO_OP || name.includes(o.only);
  const run = async (s: Scenario): Promise<Figures | null> => {
    if (!wanted(s.name)) return null;
    await measure(baseUrl, { ...s, duration: Math.min(5, o.duration), amount: undefined }); // warm-up, not recorded
    const f = await measure(baseUrl, s);
    o.log(`  ${f.name}: ${f.rps} req/s, p95 ${f.p95} ms`);
    figures.push(f);
    return f;
  };
  const record = () => benchId(c.tenant.ordinal, KIND.record, Math.floor(Math.random() * c.records));
  const chart = () => benchId(c.tenant.ordinal, KIND.patient, Math.floor(Math.random() * c.charts));
  const base = { connections: o.connections, duration: o.duration };

  o.log("scenarios:");
  await run({ ...base, name: NO_OP, host, next: () => ({ path: "/api/health" }) });
  const token = await tokenFor(port, host, doctor);
  const readsBefore = await countReads(o.ownerUrl, "medical_record");
  const one = await run({ ...base, connections: 1, name: "chart open (GET medical-records/{id}), 1 client", host, token, next: () => ({ path: `/api/v1/medical-records/${record()}` }) });
  const many = await run({ ...base, name: "chart open (GET medical-records/{id})", host, token, next: () => ({ path: `/api/v1/medical-records/${record()}` }) });
  const logged = (await countReads(o.ownerUrl, "medical_record")) - readsBefore;
  await run({
    ...base, connections: 1, name: `timeline (GET patients/{id}/timeline, ${c.perChart} encounters), 1 client`, host, token,
    next: () => ({ path: `/api/v1/patients/${chart()}/timeline` }),
  });
  const pageName = `patient page with timeline (${c.perChart} encounters), 1 client`;
  if (wanted(pageName)) {
    const cookie = await webSession(port, host, doctor);
    // The page must really render the chart's timeline (not a login redirect or a refusal):
    // chart 0's chronic diagnosis is I10 (ehr-seed.ts), pinned as a continuous problem.
    const page = await fetchPage(port, host, `/patients/${benchId(c.tenant.ordinal, KIND.patient, 0)}`, cookie);
    if (page.status !== 200 || !page.html.includes("I10")) throw new Error(`patient page: ${page.status}, timeline ${page.html.includes("I10") ? "shown" : "missing"}`);
    await run({ ...base, connections: 1, name: pageName, host, next: () => ({ path: `/patients/${chart()}`, headers: { cookie } }) });
  }
  const timelineReads = await countReads(o.ownerUrl, "patient_timeline");
  let verification: unknown = null;
  if (wanted("signing")) {
    const signed = await signing(port, host, token, c, o.duration);
    figures.push(signed.whole, ...signed.steps);
    o.log(`  ${signed.whole.name}: p95 ${signed.whole.p95} ms (${signed.whole.requests} signed)`);
    verification = await ok("verification", call(port, host, "GET", `/api/v1/medical-records/${signed.signedIds[0]}/verification`, undefined, token), [200]);
  }
  // The recorded chart reads (2xx) against the data_access_logs rows they left; warm-ups included.
  const served = [one, many].reduce((s, f) => s + (f?.statuses["200"] ?? 0), 0);
  return { figures, access: { chartReads: served, chartReadLogs: logged, timelineReads }, verification };
}

async function countReads(ownerUrl: string, dataType: string): Promise<number> {
  const db = new pg.Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    const { rows: [r] } = await db.query<{ n: string }>("SELECT count(*) AS n FROM data_access_logs WHERE data_type = $1", [dataType]);
    return Number(r!.n);
  } finally {
    await db.end();
  }
}
