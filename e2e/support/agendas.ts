import { ownerQuery } from "./db";

/**
 * An agenda on demo open all day, every day, for the doctor with `doctorEmail` (10-minute
 * slots), so a free slot exists whatever the hour of the run. Written as the owner.
 */
export async function openAllDayAgenda(name: string, doctorEmail: string): Promise<string> {
  const [row] = await ownerQuery<{ id: string }>(
    `INSERT INTO agendas (id, tenant_id, doctor_id, name, slot_minutes, accepts_private, active)
     SELECT gen_random_uuid(), t.id, u.id, $1, 10, true, true
       FROM tenants t JOIN users u ON u.tenant_id = t.id AND u.email = $2 WHERE t.slug = 'demo' RETURNING id`, [name, doctorEmail]);
  await ownerQuery(
    `INSERT INTO agenda_working_hours (id, tenant_id, agenda_id, weekday, start_minute, end_minute)
     SELECT gen_random_uuid(), a.tenant_id, a.id, d, 0, 1440 FROM agendas a, generate_series(0, 6) d WHERE a.id = $1`, [row!.id]);
  return row!.id;
}
