import { beforeAll, describe, expect, it } from "vitest";
import type { Context } from "@/lib/context";
import { addToWaitlist } from "@/lib/engagement/waitlist";
import { asOwner, withOwnerClient } from "@/lib/testing/factories";
import { bookAppointment } from "./booking";
import { rescheduleAppointment } from "./reschedule";
import { transitionAppointment } from "./status/moves";
import { NOW, schedulingClinic, slotAt, type SchedulingClinic } from "./test-fixtures";

// "Audit last" (docs/architecture.md): the audit row takes the clinic's chain lock and holds it to
// commit, so it must be the transaction's last statement. The test holds that lock itself; the
// write then stops at its audit insert, and by then it must already have done its follow-up
// work (reminders, waitlist offer), which shows as the table locks its backend holds.

let c: SchedulingClinic;
beforeAll(async () => {
  c = await schedulingClinic();
});

type Waiter = { pid: number; query: string };

/** Runs `write` while this test holds the clinic's audit-chain lock; returns the tables the write had touched by the time it waited on it. */
async function tablesTouchedBeforeAudit(write: () => Promise<unknown>): Promise<string[]> {
  return withOwnerClient(async (holder) => {
    await holder.query("BEGIN");
    await holder.query("SELECT pg_advisory_xact_lock(hashtextextended('audit_chain:' || $1::text, 0))", [c.tenant.id]);
    let settled = false;
    const pending = write().finally(() => { settled = true; });
    pending.catch(() => {}); // awaited below, after the lock is released
    let waiter: Waiter | undefined;
    try {
      // Wait for the condition (the write blocked on the advisory lock), bounded.
      for (let i = 0; i < 500 && !waiter && !settled; i++) {
        // The backend waiting on the very lock this test holds (other test files may wait on other clinics' locks).
        [waiter] = await asOwner<Waiter>(
          `SELECT a.pid, a.query FROM pg_locks mine
             JOIN pg_locks w ON w.locktype = 'advisory' AND NOT w.granted AND w.database = mine.database
                            AND w.classid = mine.classid AND w.objid = mine.objid AND w.objsubid = mine.objsubid
             JOIN pg_stat_activity a ON a.pid = w.pid
            WHERE mine.pid = $1 AND mine.locktype = 'advisory' AND mine.granted`,
          [(holder as unknown as { processID: number }).processID],
        );
        if (!waiter) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      if (!waiter) throw new Error("the write never waited on the audit-chain lock");
      expect(waiter.query).toMatch(/INSERT INTO "public"\."audit_logs"/i);
      const locks = await asOwner<{ rel: string }>(
        "SELECT relation::regclass::text AS rel FROM pg_locks WHERE pid = $1 AND locktype = 'relation' AND mode = 'RowExclusiveLock'",
        [waiter.pid],
      );
      return [...new Set(locks.map((l) => l.rel))].sort();
    } finally {
      await holder.query("COMMIT");
      await pending;
    }
  });
}

const bookAt = (local: string, patient = 0) => bookAppointment(c.as.secretary, {
  agendaId: c.agendaId, patientId: c.patients[patient]!.id, startsAt: slotAt(local).toISOString(),
}, NOW);

describe("audit last", () => {
  it("booking plans its reminders before it writes the audit row", async () => {
    const touched = await tablesTouchedBeforeAudit(() => bookAt("2026-11-30T08:00"));
    expect(touched).toEqual(expect.arrayContaining(["appointment_reminders", "appointments"]));
  });

  it("a cancellation withdraws reminders and offers the slot before its audit rows", async () => {
    const { id } = await bookAt("2026-11-30T09:00");
    const staff: Context = c.as.secretary;
    await addToWaitlist(staff, { patientId: c.patients[1]!.id, earliest: "2026-11-29", latest: "2026-12-01" });
    const touched = await tablesTouchedBeforeAudit(() => transitionAppointment(staff, id, { to: "CANCELLED", reason: "paciente pediu" }, NOW));
    expect(touched).toEqual(expect.arrayContaining(["appointment_reminders", "appointments", "waitlist_entries"]));
    const actions = await asOwner<{ action: string }>(
      "SELECT action FROM audit_logs WHERE tenant_id = $1 AND action IN ('appointment.status_changed', 'waitlist.offered') ORDER BY seq", [c.tenant.id]);
    expect(actions.map((a) => a.action)).toEqual(["appointment.status_changed", "waitlist.offered"]);
  });

  it("a reschedule writes its audit rows last, in the order things happened", async () => {
    const { id } = await bookAt("2026-11-30T10:00", 2);
    const touched = await tablesTouchedBeforeAudit(() => rescheduleAppointment(c.as.secretary, id, { startsAt: slotAt("2026-11-30T11:00").toISOString() }, NOW));
    expect(touched).toEqual(expect.arrayContaining(["appointment_reminders", "appointments"]));
    const rows = await asOwner<{ action: string; entity_id: string }>(
      "SELECT action, entity_id FROM audit_logs WHERE tenant_id = $1 AND action IN ('appointment.status_changed', 'appointment.rescheduled') ORDER BY seq DESC LIMIT 2",
      [c.tenant.id]);
    expect(rows.map((r) => r.action).reverse()).toEqual(["appointment.status_changed", "appointment.rescheduled"]);
    expect(rows[1]!.entity_id).toBe(id);
  });
});
