import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookedAppointment, doctorOf, patientWith } from "@/lib/engagement/test-support";
import { asOwner, createTenant } from "@/lib/testing/factories";
import { startJobRuntime, type JobRuntime } from "./boss";
import { dispatchDue } from "./dispatcher";
import { QUEUES } from "./queues";

// The real queue: pg-boss in its own schema on the test database, driven by the dispatcher at
// a moved clock (no waiting for the minute schedule).

let runtime: JobRuntime;
beforeAll(async () => { runtime = await startJobRuntime(); });
afterAll(async () => { await runtime?.stop({ graceful: false }); });

describe("dispatcher on pg-boss", () => {
  it("enqueues one send job per due reminder, with retry and backoff, and never twice", async () => {
    const tenant = await createTenant();
    const doctor = await doctorOf(tenant);
    const patient = await patientWith(tenant, { email: true, sms: true });
    const now = new Date("2026-12-01T12:00:00Z");
    const a = await bookedAppointment(tenant, patient.id, doctor.id, new Date("2026-12-03T13:00:00Z"), now);
    const due = await asOwner<{ id: string }>(
      "SELECT id FROM appointment_reminders WHERE appointment_id = $1 AND offset_minutes = 1440 AND status = 'PENDING'", [a.id]);
    expect(due).toHaveLength(2);

    const early = await dispatchDue(runtime, new Date("2026-12-02T12:59:00Z"));
    const jobsOf = () => asOwner<{ id: string; singleton_key: string; retry_limit: number; retry_backoff: boolean; retry_delay: number }>(
      "SELECT id, singleton_key, retry_limit, retry_backoff, retry_delay FROM pgboss.job WHERE name = $1 AND id = ANY($2::uuid[])",
      [QUEUES.sendReminder, due.map((d) => d.id)]);
    expect(await jobsOf()).toEqual([]);
    expect(early.tenants).toBeGreaterThan(0);

    await dispatchDue(runtime, new Date("2026-12-02T13:00:00Z"));
    const jobs = await jobsOf();
    expect(jobs).toHaveLength(2);
    for (const j of jobs) expect(j).toMatchObject({ singleton_key: j.id, retry_limit: 5, retry_backoff: true, retry_delay: 30 });

    await dispatchDue(runtime, new Date("2026-12-02T13:01:00Z"));
    expect(await jobsOf()).toHaveLength(2);
  });
});
