import type PgBoss from "pg-boss";
import { deliverReminder } from "@/lib/engagement/reminders-send";
import { notifyOffer } from "@/lib/engagement/waitlist-notify";
import type { JobRuntime } from "./boss";
import { dispatchDue } from "./dispatcher";
import { QUEUES, QUEUE_OPTIONS, type OfferJob, type ReminderJob } from "./queues";
import { systemContext } from "./system-context";

// Registers the handlers and the every-minute schedule. Each handler resolves the job's tenant
// from platform data and acts through withTenant with the system actor of that job.

export async function registerWorkers(runtime: JobRuntime, options: { pollingIntervalSeconds?: number } = {}): Promise<void> {
  const { boss } = runtime;
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 };

  await boss.schedule(QUEUES.dispatch, "* * * * *", {}, { singletonKey: "dispatch" });
  await boss.work(QUEUES.dispatch, polling, async ([job]) => {
    const summary = await dispatchDue(runtime, new Date(), `job:${QUEUES.dispatch}:${job!.id}`);
    if (summary.reminders || summary.offers || summary.expiredOffers) console.log("[jobs] dispatch", JSON.stringify(summary));
  });

  await boss.work<ReminderJob>(QUEUES.sendReminder, { ...polling, includeMetadata: true }, async ([job]) => {
    const j = job as PgBoss.JobWithMetadata<ReminderJob>;
    const tenant = await runtime.activeTenant(j.data.tenantId);
    if (!tenant) return;
    const retryLimit = j.retryLimit ?? QUEUE_OPTIONS[QUEUES.sendReminder]!.retryLimit ?? 0;
    await deliverReminder(systemContext(tenant, `job:${QUEUES.sendReminder}:${j.id}`), j.data.reminderId, { jobId: j.id, retryCount: j.retryCount, retryLimit });
  });

  await boss.work<OfferJob>(QUEUES.notifyOffer, polling, async ([job]) => {
    const tenant = await runtime.activeTenant(job!.data.tenantId);
    if (!tenant) return;
    await notifyOffer(systemContext(tenant, `job:${QUEUES.notifyOffer}:${job!.id}`), job!.data.entryId);
  });
}
