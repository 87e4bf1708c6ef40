import { spawn } from "node:child_process";
import pg from "pg";
import { generateCnpj } from "@/lib/br/documents";
import { hashPassword } from "@/lib/crypto/password";
import {
  BENCH_ID_SQL, BENCH_PASSWORD, benchId, DAY_START_MINUTE, KIND, PATIENT_COPY_COLUMNS, patientCsv,
  SEEDED_SLOTS_PER_DAY, SLOT_MINUTES, SLOTS_PER_DAY, slugOf, TIME_ZONE, type Shape,
} from "./data";

// Bulk load for the benchmark, as the schema owner (a superuser here, so RLS does not apply):
// tenants, staff and agendas with plain SQL; patients streamed by COPY (their CPF must be sealed
// and blind-indexed with the app's keys, which only Node has); appointments generated entirely by
// generate_series. Secondary indexes and foreign keys of the two big tables are dropped first and
// rebuilt after the load, which is the standard way to bulk load and many times faster than
// maintaining a trigram index row by row.

export type SeededTenant = { ordinal: number; id: string; slug: string; patients: number; doctors: number };
export type SeedResult = { tenants: SeededTenant[]; firstMonday: string; daysPerDoctor: number[]; timings: Record<string, number> };

type Log = (line: string) => void;

const tenantIdOf = (t: number) => benchId(t, 0xff, 0);

async function timed<T>(timings: Record<string, number>, label: string, log: Log, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await fn();
  timings[label] = Math.round(performance.now() - t0);
  log(`  ${label.padEnd(28)} ${(timings[label]! / 1000).toFixed(1)} s`);
  return result;
}

/** Monday of the week `weeksBack` weeks before this one, as YYYY-MM-DD. */
function mondayWeeksBack(weeksBack: number): string {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) - weeksBack * 7);
  return d.toISOString().slice(0, 10);
}

async function copyPatients(ownerUrl: string, tenants: SeededTenant[]): Promise<void> {
  const psql = spawn("psql", [ownerUrl, "-q", "-v", "ON_ERROR_STOP=1", "-c",
    `COPY patients (${PATIENT_COPY_COLUMNS}) FROM STDIN WITH (FORMAT csv)`], { stdio: ["pipe", "inherit", "inherit"] });
  const done = new Promise<void>((resolve, reject) => {
    psql.on("error", reject);
    psql.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`psql COPY exited with ${code}`))));
  });
  for (const t of tenants) {
    for (let i = 0; i < t.patients; i += 5_000) {
      const lines: string[] = [];
      for (let j = i; j < Math.min(i + 5_000, t.patients); j++) lines.push(patientCsv(t.ordinal, t.id, j));
      if (!psql.stdin.write(`${lines.join("\n")}\n`)) await new Promise((r) => psql.stdin.once("drain", r));
    }
  }
  psql.stdin.end();
  await done;
}

type Saved = { drop: string; restore: string };

/** Non-unique secondary indexes, foreign keys and exclusion constraints of the big tables. */
async function detachIndexes(db: pg.Client): Promise<Saved[]> {
  const { rows: idx } = await db.query<{ name: string; def: string }>(`
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
      FROM pg_index i
     WHERE i.indrelid IN ('patients'::regclass, 'appointments'::regclass) AND NOT i.indisprimary AND NOT i.indisunique
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`);
  const { rows: cons } = await db.query<{ tbl: string; name: string; def: string }>(`
    SELECT conrelid::regclass::text AS tbl, quote_ident(conname) AS name, pg_get_constraintdef(oid) AS def
      FROM pg_constraint WHERE conrelid IN ('patients'::regclass, 'appointments'::regclass) AND contype IN ('f', 'x')`);
  const saved = [
    ...cons.map((c) => ({ drop: `ALTER TABLE ${c.tbl} DROP CONSTRAINT ${c.name}`, restore: `ALTER TABLE ${c.tbl} ADD CONSTRAINT ${c.name} ${c.def}` })),
    ...idx.map((i) => ({ drop: `DROP INDEX ${i.name}`, restore: i.def })),
  ];
  for (const s of saved) await db.query(s.drop);
  return saved;
}

export async function seedBench(ownerUrl: string, shape: Shape, log: Log): Promise<SeedResult> {
  const timings: Record<string, number> = {};
  const db = new pg.Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    await db.query(BENCH_ID_SQL);
    await db.query("SET maintenance_work_mem = '1GB'; SET max_parallel_maintenance_workers = 2; SET synchronous_commit = off");
    const tenants: SeededTenant[] = Array.from({ length: 1 + shape.smallTenants }, (_, t) => ({
      ordinal: t, id: tenantIdOf(t), slug: slugOf(t),
      patients: t === 0 ? shape.largePatients : shape.smallPatients,
      doctors: t === 0 ? shape.largeDoctors : shape.smallDoctors,
    }));
    const appointmentsOf = (t: SeededTenant) => (t.ordinal === 0 ? shape.largeAppointments : shape.smallAppointments);
    const daysPerDoctor = tenants.map((t) => Math.ceil(appointmentsOf(t) / t.doctors / SEEDED_SLOTS_PER_DAY));
    // Two thirds of the history lies in the past, one third ahead (the agenda being filled).
    const weeksBack = Math.ceil((Math.max(...daysPerDoctor) * 2) / 3 / 5);
    const firstMonday = mondayWeeksBack(weeksBack);

    await timed(timings, "tenants, staff, agendas", log, async () => {
      const passwordHash = await hashPassword(BENCH_PASSWORD);
      for (const t of tenants) {
        await db.query(`INSERT INTO tenants (id, slug, name, legal_name, cnpj, time_zone, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6, now())`, [t.id, t.slug, `Clínica ${t.slug}`, `Clínica ${t.slug} Ltda`, generateCnpj(), TIME_ZONE]);
        // Staff 0 is the front desk (secretary), staff 1 the admin; doctors have an agenda each.
        await db.query(`INSERT INTO users (id, tenant_id, email, name, password_hash, updated_at)
          SELECT pg_temp.bench_id($1, ${KIND.staff}, s), $2::uuid, 'staff' || s || '@' || $3::text || '.test', 'Equipe ' || s, $4, now()
            FROM generate_series(0, 1) s
          UNION ALL
          SELECT pg_temp.bench_id($1, ${KIND.doctor}, d), $2::uuid, 'medico' || d || '@' || $3::text || '.test', 'Dr(a). Médico ' || d, $4, now()
            FROM generate_series(0, $5 - 1) d`, [t.ordinal, t.id, t.slug, passwordHash, t.doctors]);
        await db.query(`INSERT INTO user_roles (id, tenant_id, user_id, role)
          SELECT gen_random_uuid(), $2::uuid, pg_temp.bench_id($1, ${KIND.staff}, 0), 'secretary'::"RoleKey"
          UNION ALL SELECT gen_random_uuid(), $2::uuid, pg_temp.bench_id($1, ${KIND.staff}, 1), 'admin'::"RoleKey"
          UNION ALL SELECT gen_random_uuid(), $2::uuid, pg_temp.bench_id($1, ${KIND.doctor}, d), 'doctor'::"RoleKey" FROM generate_series(0, $3 - 1) d`,
        [t.ordinal, t.id, t.doctors]);
        await db.query(`INSERT INTO agendas (id, tenant_id, doctor_id, name, slot_minutes)
          SELECT pg_temp.bench_id($1, ${KIND.agenda}, d), $2::uuid, pg_temp.bench_id($1, ${KIND.doctor}, d), 'Agenda ' || d, $3
            FROM generate_series(0, $4 - 1) d`, [t.ordinal, t.id, SLOT_MINUTES, t.doctors]);
        await db.query(`INSERT INTO agenda_working_hours (id, tenant_id, agenda_id, weekday, start_minute, end_minute)
          SELECT gen_random_uuid(), $2::uuid, pg_temp.bench_id($1, ${KIND.agenda}, d), w, $3, $4
            FROM generate_series(0, $5 - 1) d, generate_series(1, 5) w`,
        [t.ordinal, t.id, DAY_START_MINUTE, DAY_START_MINUTE + SLOTS_PER_DAY * SLOT_MINUTES, t.doctors]);
      }
    });

    const saved = await timed(timings, "drop secondary indexes", log, () => detachIndexes(db));
    await timed(timings, `patients (${tenants.reduce((s, t) => s + t.patients, 0).toLocaleString("en")})`, log,
      () => copyPatients(ownerUrl, tenants));
    const totalAppointments = tenants.reduce((s, t) => s + appointmentsOf(t), 0);
    await timed(timings, `appointments (${totalAppointments.toLocaleString("en")})`, log, async () => {
      for (const t of tenants) {
        // n → doctor n % D, that doctor's k-th appointment: weekday k / 16, slot k % 16.
        await db.query(`INSERT INTO appointments (id, tenant_id, patient_id, doctor_id, agenda_id, starts_at, ends_at,
            status, confirmed_at, completed_at, cancelled_at, created_at, updated_at)
          SELECT pg_temp.bench_id($1, ${KIND.appointment}, n), $2::uuid, pg_temp.bench_id($1, ${KIND.patient}, abs(hashint8(n)) % $4),
                 pg_temp.bench_id($1, ${KIND.doctor}, n % $5), pg_temp.bench_id($1, ${KIND.agenda}, n % $5),
                 s, s + make_interval(mins => $6), st,
                 CASE WHEN st IN ('CONFIRMED', 'COMPLETED') THEN s - interval '1 day' END,
                 CASE WHEN st = 'COMPLETED' THEN s + make_interval(mins => $6) END,
                 CASE WHEN st = 'CANCELLED' THEN s - interval '2 days' END,
                 s - interval '20 days', s - interval '1 day'
            FROM generate_series(0, $3 - 1) n
           CROSS JOIN LATERAL (SELECT (n / $5) / ${SEEDED_SLOTS_PER_DAY} AS day, (n / $5) % ${SEEDED_SLOTS_PER_DAY} AS slot) k
           CROSS JOIN LATERAL (SELECT (($7::date + ((k.day / 5) * 7 + k.day % 5)::int) + make_interval(mins => ${DAY_START_MINUTE} + k.slot::int * $6))
                                      AT TIME ZONE '${TIME_ZONE}' AS s) t
           CROSS JOIN LATERAL (SELECT (CASE
                 WHEN t.s >= now() THEN CASE WHEN abs(hashint8(n * 7 + 1)) % 100 < 60 THEN 'SCHEDULED' ELSE 'CONFIRMED' END
                 WHEN abs(hashint8(n * 7 + 1)) % 100 < 85 THEN 'COMPLETED'
                 WHEN abs(hashint8(n * 7 + 1)) % 100 < 93 THEN 'CANCELLED' ELSE 'NO_SHOW' END)::"AppointmentStatus" AS st) x`,
        [t.ordinal, t.id, appointmentsOf(t), t.patients, t.doctors, SLOT_MINUTES, firstMonday]);
      }
    });
    await timed(timings, "rebuild indexes and keys", log, async () => {
      for (const s of saved) await db.query(s.restore);
    });
    // VACUUM, not only ANALYZE: a freshly loaded table has no visibility map, so every
    // index-only scan would visit the heap — a state autovacuum never leaves a live table in.
    await timed(timings, "vacuum and analyze", log, async () => {
      await db.query("VACUUM (ANALYZE) patients");
      await db.query("VACUUM (ANALYZE) appointments");
      await db.query("ANALYZE");
    });
    return { tenants, firstMonday, daysPerDoctor, timings };
  } finally {
    await db.end();
  }
}
