import { collectDueWork } from "@/lib/engagement/dispatch";
import type { JobRuntime } from "./boss";
import { QUEUES, stableJobId, type OfferJob, type ReminderJob } from "./queues";
import { systemContext } from "./system-context";

// The periodic step (every minute, and `npm run jobs:dispatch -- --at <iso>` for a given
// instant): per clinic, collect what is due and enqueue one job per unit of delivery. Job ids
// are derived from the work (a reminder's id; an entry and its offer instant), so a repeated
// dispatch inserts nothing new while the first job is queued, running or retrying.

export type DispatchSummary = { tenants: number; reminders: number; offers: number; expiredOffers: number; staleReminders: number };

export async function dispatchDue(runtime: JobRuntime, now: Date, requestId = `dispatch:${now.toISOString()}`): Promise<DispatchSummary> {
  const summary: DispatchSummary = { tenants: 0, reminders: 0, offers: 0, expiredOffers: 0, staleReminders: 0 };
  for (const tenant of await runtime.listActiveTenants()) {
    summary.tenants++;
    try {
      const due = await collectDueWork(systemContext(tenant, requestId), now);
      summary.expiredOffers += due.expiredOffers;
      summary.staleReminders += due.staleReminders;
      for (const reminderId of due.reminderIds) {
        const data: ReminderJob = { tenantId: tenant.id, reminderId };
        const id = await runtime.boss.send(QUEUES.sendReminder, data, { id: reminderId, singletonKey: reminderId });
        if (id) summary.reminders++;
      }
      for (const offer of due.offers) {
        const data: OfferJob = { tenantId: tenant.id, entryId: offer.entryId, offeredAt: offer.offeredAt };
        const id = await runtime.boss.send(QUEUES.notifyOffer, data, { id: stableJobId(offer.entryId, offer.offeredAt), singletonKey: offer.entryId });
        if (id) summary.offers++;
      }
    } catch (error) {
      // One clinic's failure must not stop the others' reminders.
      console.error(`[jobs] dispatch failed for tenant ${tenant.slug}:`, error);
    }
  }
  return summary;
}
