import { ownerQuery } from "./db";

// "Nothing was written", measured in the database: for every table of the schema, its row count
// and how many of its rows were updated since a given instant (tables with `updated_at`). Read
// as the owner, outside row-level security, so every clinic is counted.
//
// Left out, each for a reason that is part of the design, not of the fuzz:
// - login_attempts, security_events, data_access_logs (and the platform's attempts and events):
//   they record refused attempts and reads;
// - idempotency_keys: the answer to a refused POST is kept for its key (docs/api.md);
// - user_sessions: activity (last_seen_at) of the signed-in fuzz sessions;
// - appointment_reminders, appointment_reminder_attempts: the background worker's own rows;
// - waitlist rows the worker moves (an offer expiring, its notice sent: status EXPIRED/OFFERED);
// - audit rows without an actor: the background worker's (a person's requests always have one);
// - the fuzz callers' own user rows (users, platform_users) and the audit rows about them
//   (audit_logs, platform_audit_logs): self-service account state
//   (POST /auth/setup-2fa with a body that has no `code` is a valid request: it starts an
//   enrolment, whatever else the body holds).
const NOT_COMPARED = new Set([
  "_prisma_migrations", "login_attempts", "security_events", "data_access_logs", "idempotency_keys", "user_sessions",
  "appointment_reminders", "appointment_reminder_attempts", "platform_login_attempts", "platform_security_events",
]);
const AUDIT_TABLES = new Set(["audit_logs", "platform_audit_logs"]);
const ACCOUNT_TABLES = new Set(["users", "platform_users"]);

/** Audit rows a person's request wrote, other than about the fuzz callers' own accounts ($2). */
export const PERSONS_AUDIT = "actor_id IS NOT NULL AND NOT (entity_type = 'user' AND entity_id = ANY($2::text[]))";

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function dbNow(): Promise<string> {
  const [row] = await ownerQuery<{ now: string }>("SELECT now()::text AS now");
  return row!.now;
}

export async function writeSnapshot(since: string, ownUserIds: string[]): Promise<Record<string, number>> {
  const tables = await ownerQuery<{ table_name: string; has_updated_at: boolean }>(
    `SELECT t.table_name, EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = 'public'
              AND c.table_name = t.table_name AND c.column_name = 'updated_at') AS has_updated_at
       FROM information_schema.tables t WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY 1`);
  const parts = tables.filter((t) => !NOT_COMPARED.has(t.table_name)).flatMap((t) => {
    const name = ident(t.table_name);
    const where = AUDIT_TABLES.has(t.table_name) ? ` WHERE ${PERSONS_AUDIT}` : "";
    const count = `SELECT '${t.table_name}' AS k, count(*)::int AS n FROM ${name}${where}`;
    const own = ACCOUNT_TABLES.has(t.table_name) ? " AND NOT (id = ANY($2::uuid[]))"
      : t.table_name === "waitlist_entries" ? " AND status::text NOT IN ('EXPIRED', 'OFFERED')" : "";
    const updated = `SELECT '${t.table_name}.updated' AS k, count(*)::int AS n FROM ${name} WHERE updated_at >= $1::timestamptz${own}`;
    return t.has_updated_at ? [count, updated] : [count];
  });
  const rows = await ownerQuery<{ k: string; n: number }>(parts.join(" UNION ALL "), [since, ownUserIds]);
  return Object.fromEntries(rows.map((r) => [r.k, r.n]));
}
