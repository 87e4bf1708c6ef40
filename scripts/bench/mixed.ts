import pg from "pg";
import { benchId, KIND } from "./data";
import type { Scenario } from "./load";

// The mixed scenario: a front desk's and a doctor's day at once on one clinic, one weighted draw
// per request. Each kind is the same request as its own scenario (the same generators), so the
// mix says what the lines above it add up to when they share the server.

export const MIX = [
  { kind: "search", weight: 35 },
  { kind: "agenda", weight: 30 },
  { kind: "patient page", weight: 15 },
  { kind: "booking", weight: 10 },
  { kind: "status change", weight: 5 },
  { kind: "chart read", weight: 5 },
] as const;

export type MixKind = (typeof MIX)[number]["kind"];
type Request = ReturnType<Scenario["next"]>;

export type MixSources = {
  search: () => Request;
  agenda: () => Request;
  booking: () => Request;
  /** The receptionist's session cookie (pages are cookie requests; the rest carry the bearer). */
  pageCookie: string;
  /** The doctor's bearer token: chart reads need clinical access. */
  doctorToken: string;
  patients: number;
  tenantOrdinal: number;
  /** Seeded future appointments still SCHEDULED: each is confirmed once. */
  scheduled: string[];
  /** Seeded encounters (scripts/bench/ehr-seed.ts). */
  records: number;
};

/** Up to `limit` future appointments of the tenant still SCHEDULED, for the status changes. */
export async function scheduledAppointments(ownerUrl: string, tenantId: string, limit: number): Promise<string[]> {
  const db = new pg.Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM appointments WHERE tenant_id = $1 AND status = 'SCHEDULED' AND starts_at > now() + interval '1 day'
        ORDER BY starts_at LIMIT $2`, [tenantId, limit]);
    return rows.map((r) => r.id);
  } finally {
    await db.end();
  }
}

/** The request generator of the mix, and how many of each kind it has handed out. */
export function mixedRequests(src: MixSources): { next: () => Request; drawn: Record<MixKind, number> } {
  const total = MIX.reduce((n, m) => n + m.weight, 0);
  const drawn = Object.fromEntries(MIX.map((m) => [m.kind, 0])) as Record<MixKind, number>;
  let status = 0;
  const make: Record<MixKind, () => Request> = {
    search: src.search,
    agenda: src.agenda,
    booking: () => ({ method: "POST", ...src.booking() }),
    "patient page": () => ({
      path: `/patients/${benchId(src.tenantOrdinal, KIND.patient, Math.floor(Math.random() * src.patients))}`,
      headers: { cookie: src.pageCookie },
    }),
    "status change": () => {
      const id = src.scheduled[status++];
      if (!id) throw new Error("the mix ran out of scheduled appointments to confirm: seed more or shorten --duration");
      return { method: "PUT", path: `/api/v1/appointments/${id}`, body: { status: "CONFIRMED" } };
    },
    "chart read": () => ({
      path: `/api/v1/medical-records/${benchId(src.tenantOrdinal, KIND.record, Math.floor(Math.random() * src.records))}`,
      headers: { authorization: `Bearer ${src.doctorToken}` },
    }),
  };
  return {
    drawn,
    next: () => {
      let r = Math.random() * total;
      const pick = MIX.find((m) => (r -= m.weight) < 0) ?? MIX[MIX.length - 1]!;
      drawn[pick.kind] += 1;
      const request = make[pick.kind]();
      // Every request names its method: autocannon reuses the previous request's otherwise.
      return { method: "GET", ...request };
    },
  };
}
