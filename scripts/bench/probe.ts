import pg from "pg";

// In-process probes: a domain function called one at a time, without HTTP or the token check,
// timed and with the SQL statements it sends counted (every statement any pg client of this
// process sends, BEGIN and COMMIT included; PROBE_SQL=1 prints them). Run the benchmark under
// `node --cpu-prof --import tsx …` to profile these calls with their source names.

let statements = 0;
let counting = false;

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

/** 20 unrecorded calls, then `runs` timed ones; logs and returns the figure. */
export async function probe(name: string, runs: number, fn: () => Promise<unknown>, log: (line: string) => void): Promise<ProbeFigure> {
  countStatements();
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
  return figure;
}
