import http from "node:http";
import pg from "pg";
import { formatCpf } from "@/lib/br/documents";
import {
  BENCH_PASSWORD, benchId, cpfOf, DAY_START_MINUTE, KIND, patientRow, phoneOf, SEEDED_SLOTS_PER_DAY, SLOT_MINUTES,
  SLOTS_PER_DAY,
} from "./data";
import { measure, type Figures, type Scenario } from "./load";
import type { SeededCharts } from "./ehr-seed";
import { mixedRequests, MIX, scheduledAppointments } from "./mixed";
import type { SeedResult } from "./seed";
import { webSession } from "./web-session";

// The scenarios, in the order they run. Reads first, then writes; contention last (it leaves
// exactly one appointment per contested slot behind).

/** `only`: the no-op line and the scenarios whose name contains it (to profile one of them). */
type Options = { duration: number; connections: number; ownerUrl: string; log: (line: string) => void; only?: string; charts: SeededCharts };

// São Paulo has had no daylight saving time since 2019: local times are UTC−03:00.
const OFFSET = "-03:00";

export function call(port: number, host: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request({
      host: "127.0.0.1", port, method, path,
      headers: { host, "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null }));
    });
    req.on("error", reject);
    req.end(data);
  });
}

export async function tokenFor(port: number, host: string, email: string): Promise<string> {
  const res = await call(port, host, "POST", "/api/v1/auth/login", { email, password: BENCH_PASSWORD });
  const token = (res.json as { accessToken?: string } | null)?.accessToken;
  if (res.status !== 200 || !token) throw new Error(`login as ${email} failed: ${res.status} ${JSON.stringify(res.json)}`);
  return token;
}

/** The next `count` working days (Mon–Fri) after today, in São Paulo. */
export function futureWeekdays(count: number): string[] {
  const days: string[] = [];
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Sao_Paulo" }).format(new Date());
  for (let d = new Date(`${today}T12:00:00Z`); days.length < count;) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() >= 1 && d.getUTCDay() <= 5) days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
export const slotStart = (day: string, slot: number) => `${day}T${hhmm(DAY_START_MINUTE + slot * SLOT_MINUTES)}:00${OFFSET}`;

/** The search mix: common and rare names, prefixes, a whole name, CPF (formatted and bare), phone. */
function searchKinds(tenant: number, patients: number): [string, () => string][] {
  const pick = () => Math.floor(Math.random() * patients);
  const q = (v: string) => `/api/v1/patients?q=${encodeURIComponent(v)}&limit=20`;
  return [
    ["common first name (maria)", () => q("maria")],
    ["common surname (silva)", () => q("silva")],
    ["two common words (jose santos)", () => q("jose santos")],
    ["prefix, 3 letters (gab)", () => q("gab")],
    ["rare first name (eulalia)", () => q("eulalia")],
    ["rare surname (quintanilha)", () => q("quintanilha")],
    ["whole name of a patient", () => q(patientRow(tenant, pick()).fullName)],
    ["CPF filter (formatted)", () => `/api/v1/patients?cpf=${formatCpf(cpfOf(tenant, pick()))}&limit=20`],
    ["CPF typed in q (digits)", () => q(cpfOf(tenant, pick()))],
    ["phone filter", () => `/api/v1/patients?phone=${phoneOf(tenant, pick())}&limit=20`],
  ];
}

function searchQueries(tenant: number, patients: number): () => { path: string } {
  const mix = searchKinds(tenant, patients);
  let n = 0;
  return () => ({ path: mix[n++ % mix.length]![1]() });
}

export type KindLatency = { kind: string; p50: number; p95: number; max: number; results: number };

/** Each kind of search alone, one request at a time: which ones cost what. */
async function searchByKind(port: number, host: string, token: string, tenant: number, patients: number, rounds: number): Promise<KindLatency[]> {
  const out: KindLatency[] = [];
  for (const [kind, path] of searchKinds(tenant, patients)) {
    const times: number[] = [];
    let results = 0;
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const res = await call(port, host, "GET", path(), undefined, token);
      times.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${kind}: ${res.status} ${JSON.stringify(res.json)}`);
      results += (res.json as { data: unknown[] }).data.length;
    }
    times.sort((a, b) => a - b);
    const at = (p: number) => Math.round(times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]! * 10) / 10;
    out.push({ kind, p50: at(0.5), p95: at(0.95), max: at(1), results: Math.round(results / rounds) });
  }
  return out;
}

export async function runScenarios(baseUrl: string, port: number, seeded: SeedResult, o: Options) {
  const large = seeded.tenants[0]!;
  const small = seeded.tenants[1]!;
  const host = (slug: string) => `${slug}.localhost:${port}`;
  const login = () => tokenFor(port, host(large.slug), `staff0@${large.slug}.test`);
  const figures: Figures[] = [];
  const wanted = (name: string) => !o.only || name.startsWith("no-op") || name.includes(o.only);
  const run = async (s: Scenario) => {
    if (!wanted(s.name)) return;
    await measure(baseUrl, { ...s, duration: Math.min(5, o.duration), amount: undefined }); // warm-up, not recorded
    const f = await measure(baseUrl, s);
    o.log(`  ${f.name}: ${f.rps} req/s, p95 ${f.p95} ms`);
    figures.push(f);
  };

  o.log("scenarios:");
  const base = { connections: o.connections, duration: o.duration };
  await run({ ...base, name: "no-op (GET /api/health)", host: host(large.slug), next: () => ({ path: "/api/health" }) });
  // One client: the latency of a search with no queueing in front of it (the "p95 ≤ 30 ms" target).
  await run({ ...base, connections: 1, name: "patient search, large tenant, 1 client", host: host(large.slug), token: await login(), next: searchQueries(0, large.patients) });
  await run({ ...base, name: "patient search, large tenant", host: host(large.slug), token: await login(), next: searchQueries(0, large.patients) });
  await run({
    ...base, name: "patient search, small tenant", host: host(small.slug),
    token: await tokenFor(port, host(small.slug), `staff0@${small.slug}.test`), next: searchQueries(1, small.patients),
  });

  // After the search runs above, so the server has compiled and cached what search needs.
  const byKind = wanted("search by kind") ? await searchByKind(port, host(large.slug), await login(), 0, large.patients, 40) : [];
  for (const k of byKind) o.log(`  search ${k.kind}: p50 ${k.p50} ms, p95 ${k.p95} ms (${k.results} results)`);
  // A doctor's day: any seeded working day, any doctor of the large tenant.
  const seededDays = seeded.daysPerDoctor[0]!;
  const dayOf = (k: number) => {
    const d = new Date(`${seeded.firstMonday}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + Math.floor(k / 5) * 7 + (k % 5));
    return d.toISOString().slice(0, 10);
  };
  const nextAgenda = () => {
    const k = Math.floor(Math.random() * seededDays);
    const day = dayOf(k);
    const next = new Date(`${day}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    const doctor = benchId(0, KIND.doctor, Math.floor(Math.random() * large.doctors));
    const from = encodeURIComponent(`${day}T00:00:00${OFFSET}`);
    const to = encodeURIComponent(`${next.toISOString().slice(0, 10)}T00:00:00${OFFSET}`);
    return { path: `/api/v1/appointments?doctorId=${doctor}&from=${from}&to=${to}&limit=50` };
  };
  await run({ ...base, name: "day agenda (GET appointments)", host: host(large.slug), token: await login(), next: nextAgenda });

  // Booking: each request a distinct free slot (16:00–18:00 are never seeded) of doctors 1…D−1.
  const free = SLOTS_PER_DAY - SEEDED_SLOTS_PER_DAY;
  const days = futureWeekdays(120);
  const bookers = Math.max(1, large.doctors - 1);
  let c = 0;
  const bookingRun = Date.now().toString(36);
  const nextBooking = () => {
    const n = c++;
    const k = Math.floor(n / bookers);
    return {
      path: "/api/v1/appointments",
      headers: { "idempotency-key": `bench-${bookingRun}-${n}` },
      body: {
        agendaId: benchId(0, KIND.agenda, 1 + (n % bookers)), patientId: benchId(0, KIND.patient, Math.floor(Math.random() * large.patients)),
        startsAt: slotStart(days[Math.floor(k / free) % days.length]!, SEEDED_SLOTS_PER_DAY + (k % free)),
      },
    };
  };
  await run({ ...base, method: "POST", name: "booking (POST appointments)", host: host(large.slug), token: await login(), next: nextBooking });

  // The front desk and the doctors at once (scripts/bench/mixed.ts): the same generators, drawn by weight.
  let mix: { weights: typeof MIX; drawn: Record<string, number> } | null = null;
  const mixedName = "mixed: front desk and doctors";
  if (wanted(mixedName)) {
    const receptionist = `staff0@${large.slug}.test`;
    const mixed = mixedRequests({
      search: searchQueries(0, large.patients), agenda: nextAgenda, booking: nextBooking,
      pageCookie: await webSession(port, host(large.slug), receptionist),
      doctorToken: await tokenFor(port, host(large.slug), `medico0@${large.slug}.test`),
      patients: large.patients, tenantOrdinal: 0, records: o.charts.records,
      scheduled: await scheduledAppointments(o.ownerUrl, large.id, 50_000),
    });
    await run({ ...base, name: mixedName, host: host(large.slug), token: await login(), next: mixed.next });
    mix = { weights: MIX, drawn: mixed.drawn };
  }

  // Contention: 64 clients, all on the same 8 slots of doctor 0.
  const contested = days.slice(0, 2).flatMap((day) => Array.from({ length: free }, (_, i) => slotStart(day, SEEDED_SLOTS_PER_DAY + i)));
  let k = 0;
  const fightName = "contention: 64 clients, same 8 slots";
  const fight = wanted(fightName) ? await measure(baseUrl, {
    name: fightName, method: "POST", host: host(large.slug), token: await login(),
    connections: 64, amount: 64 * contested.length,
    next: () => ({
      path: "/api/v1/appointments",
      body: { agendaId: benchId(0, KIND.agenda, 0), patientId: benchId(0, KIND.patient, k), startsAt: contested[k++ % contested.length]! },
    }),
  }) : null;
  if (fight) {
    figures.push(fight);
    o.log(`  ${fight.name}: ${JSON.stringify(fight.statuses)}`);
  }

  const db = new pg.Client({ connectionString: o.ownerUrl });
  await db.connect();
  try {
    // Exact, whole database: each appointment against the latest end among the same doctor's
    // earlier appointments (a running max catches nested intervals, not just neighbours).
    const { rows: [overlap] } = await db.query<{ n: string }>(`
      SELECT count(*) AS n FROM (
        SELECT starts_at, max(ends_at) OVER (PARTITION BY tenant_id, doctor_id ORDER BY starts_at, id
                                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
          FROM appointments WHERE NOT is_encaixe AND status NOT IN ('CANCELLED', 'NO_SHOW')) x
       WHERE prev_end > starts_at`);
    const { rows: [held] } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM appointments WHERE doctor_id = $1 AND starts_at = ANY($2::timestamptz[]) AND status NOT IN ('CANCELLED', 'NO_SHOW')`,
      [benchId(0, KIND.doctor, 0), contested]);
    return {
      figures, byKind, mix,
      contention: { clients: 64, slots: contested.length, booked: Number(held!.n), refused: fight?.statuses["409"] ?? 0 },
      overlaps: Number(overlap!.n),
    };
  } finally {
    await db.end();
  }
}
