import autocannon from "autocannon";

// One measured scenario: autocannon drives `connections` keep-alive clients for `duration`
// seconds; every response time is kept (autocannon's own summary has no p95) so the percentiles
// below are exact, and every status is counted.

export type Scenario = {
  name: string;
  method?: "GET" | "POST";
  /** Host header: the tenant's subdomain (proxy.ts resolves the tenant from it). */
  host: string;
  token?: string;
  connections: number;
  duration?: number;
  amount?: number;
  /** Called once per request: a different query, slot or key each time (a mix may change the method). */
  next: () => { path: string; method?: "GET" | "POST" | "PUT"; body?: unknown; headers?: Record<string, string> };
};

export type Figures = {
  name: string;
  connections: number;
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  statuses: Record<string, number>;
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function measure(baseUrl: string, s: Scenario): Promise<Figures> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const headers: Record<string, string> = { host: s.host, "content-type": "application/json" };
  if (s.token) headers.authorization = `Bearer ${s.token}`;
  const instance = autocannon({
    url: baseUrl,
    connections: s.connections,
    ...(s.amount ? { amount: s.amount } : { duration: s.duration ?? 15 }),
    timeout: 30,
    headers,
    requests: [{
      method: s.method ?? "GET",
      setupRequest: (req) => {
        const n = s.next();
        return {
          ...req, method: n.method ?? req.method, path: n.path, headers: { ...req.headers, ...n.headers },
          body: n.body === undefined ? undefined : JSON.stringify(n.body),
        };
      },
    }],
  });
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    times.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const result = await instance;
  return figuresOf(s.name, s.connections, times, result.duration, statuses, result.errors + result.timeouts);
}

/** Figures from raw response times (ms): also for sequences driven by hand, one step after another. */
export function figuresOf(
  name: string, connections: number, times: number[], seconds: number, statuses: Record<string, number>, errors = 0,
): Figures {
  times.sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    name, connections, requests: times.length, seconds,
    rps: Math.round(times.length / seconds), p50: round(percentile(times, 50)), p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)), max: round(times[times.length - 1] ?? NaN), errors, statuses,
  };
}

const non2xx = (f: Figures) => Object.entries(f.statuses).filter(([s]) => !s.startsWith("2")).reduce((n, [, c]) => n + c, 0);

/** The results as a fixed-width table, each scenario's throughput also as a share of the no-op's. */
export function table(rows: Figures[], ceiling: Figures): string {
  const head = ["scenario", "conn", "requests", "req/s", "% of no-op", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "non-2xx"];
  const body = rows.map((f) => [
    f.name, String(f.connections), String(f.requests), String(f.rps),
    f === ceiling ? "100%" : `${Math.round((f.rps / ceiling.rps) * 100)}%`,
    String(f.p50), String(f.p95), String(f.p99), String(f.max), String(f.errors),
    non2xx(f) ? `${non2xx(f)} (${Object.entries(f.statuses).filter(([s]) => !s.startsWith("2")).map(([s, c]) => `${s}×${c}`).join(" ")})` : "0",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`, ...body.map(line)].join("\n");
}
