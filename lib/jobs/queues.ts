import { createHash } from "node:crypto";
import type PgBoss from "pg-boss";

// Queue names and their delivery policy. Retries back off exponentially (pg-boss doubles
// retryDelay each time, with jitter): 30 s, ~1 min, ~2 min, ~4 min, ~8 min.

export const QUEUES = {
  /** Cron, every minute: finds due work in tenant tables and enqueues the jobs below. */
  dispatch: "engagement-dispatch",
  /** One job per reminder (job id and singleton key = the reminder's id). */
  sendReminder: "reminder-send",
  /** One job per waitlist offer (job id derived from the entry and the offer instant). */
  notifyOffer: "waitlist-offer-notify",
} as const;

export const SEND_RETRY = { retryLimit: 5, retryDelay: 30, retryBackoff: true } as const;

export const QUEUE_OPTIONS: Record<string, Omit<PgBoss.Queue, "name">> = {
  // "singleton": at most one dispatcher runs at a time, however many workers are up.
  [QUEUES.dispatch]: { policy: "singleton", retryLimit: 0, expireInSeconds: 120 },
  [QUEUES.sendReminder]: { policy: "standard", ...SEND_RETRY, expireInSeconds: 120 },
  [QUEUES.notifyOffer]: { policy: "standard", ...SEND_RETRY, expireInSeconds: 120 },
};

export type ReminderJob = { tenantId: string; reminderId: string };
export type OfferJob = { tenantId: string; entryId: string; offeredAt: string };

/**
 * A UUID derived from its parts, so that enqueuing the same work twice (two dispatchers, or one
 * that ran again before the first job finished) inserts one job: pg-boss ignores a repeated id.
 */
export function stableJobId(...parts: string[]): string {
  const h = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
