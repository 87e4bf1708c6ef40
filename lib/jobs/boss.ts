import pg from "pg";
import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { QUEUE_OPTIONS } from "./queues";

// pg-boss keeps its jobs in its own schema `pgboss`, which it creates and migrates itself. It
// therefore connects as the schema owner (DATABASE_URL), like the other maintenance scripts;
// the app role gets no access to it. Handlers never use this connection for tenant data: they
// go through withTenant as prontivus_app, so row-level security still applies to every job.
// The same pool lists the active clinics (platform data) for the dispatcher.

export type JobTenant = { id: string; slug: string; timeZone: string };

export type JobRuntime = {
  boss: PgBoss;
  listActiveTenants(): Promise<JobTenant[]>;
  /** The tenant of a job, if it is still active (a suspended clinic's jobs do nothing). */
  activeTenant(id: string): Promise<JobTenant | null>;
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
};

type TenantRow = { id: string; slug: string; time_zone: string };
const toTenant = (r: TenantRow): JobTenant => ({ id: r.id, slug: r.slug, timeZone: r.time_zone });

export function jobsDatabaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("The job queue needs DATABASE_URL (the schema owner): pg-boss creates its own schema.");
  return url;
}

export async function startJobRuntime(options: { schedule?: boolean; supervise?: boolean } = {}): Promise<JobRuntime> {
  const pool = new pg.Pool({ connectionString: jobsDatabaseUrl(), max: 4, application_name: "prontivus-jobs" });
  const boss = new PgBoss({
    db: { executeSql: (text, values) => pool.query(text, values) },
    schedule: options.schedule ?? false,
    supervise: options.supervise ?? false,
  });
  boss.on("error", (error: unknown) => console.error("[jobs] pg-boss error:", error));
  await boss.start();
  for (const [name, queue] of Object.entries(QUEUE_OPTIONS)) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, ...queue });
  }
  return {
    boss,
    async listActiveTenants() {
      const { rows } = await pool.query<TenantRow>("SELECT id, slug, time_zone FROM tenants WHERE status = 'ACTIVE' ORDER BY id");
      return rows.map(toTenant);
    },
    async activeTenant(id) {
      const { rows } = await pool.query<TenantRow>("SELECT id, slug, time_zone FROM tenants WHERE status = 'ACTIVE' AND id = $1", [id]);
      return rows[0] ? toTenant(rows[0]) : null;
    },
    async stop({ graceful = true, timeoutMs = 20_000 } = {}) {
      // wait: resolve only once active jobs have finished (or the timeout passed).
      await boss.stop({ graceful, wait: true, timeout: timeoutMs, close: false });
      await pool.end();
    },
  };
}
