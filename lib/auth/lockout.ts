import type { Tx } from "@/lib/db/client";
import type { AccountStore } from "./account-store";

// Brute-force defence for password sign-in (OWASP ASVS 2.2.1, SBIS NGS1), kept in PostgreSQL so
// every app server sees the same counters: one row per attempt (login_attempts, or
// platform_login_attempts on the root host) and the account's failed_login_count / locked_at,
// reached through its AccountStore. These helpers run inside the caller's transaction, so the
// counter moves in the same commit as the attempt row that explains it.

export const LOCKOUT_POLICY = {
  /** Consecutive failures after which each next attempt must wait (1 s, 2 s, 4 s, …). */
  delayAfterFailures: 5,
  /** Consecutive failures that lock the account until an admin unlocks it or a reset completes. */
  lockAfterFailures: 10,
  /** Failures from one IP (across accounts of one tenant) tolerated per window. */
  ipMaxFailures: 30,
  ipWindowMs: 15 * 60_000,
} as const;

/** "Now", injectable so tests move the clock instead of sleeping. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

export type AccountState = { id: string; failedLoginCount: number; lockedAt: Date | null };

/**
 * Why an attempt is refused before its password is looked at, or "open" when it may be checked.
 * Callers answer all of them with the same generic message: the reason is for the logs only.
 */
export type Gate = "open" | "ip_blocked" | "locked" | "throttled";

/** How long the account must rest after its latest failure: 0 below the threshold, then doubling. */
export function accountDelayMs(failures: number): number {
  if (failures < LOCKOUT_POLICY.delayAfterFailures) return 0;
  return 2 ** (failures - LOCKOUT_POLICY.delayAfterFailures) * 1000;
}

/** Failed attempts from `ip` in the window ending at `now` (one clinic's, or the platform's). */
export async function recentIpFailures(store: AccountStore, tx: Tx, ip: string, now: Date): Promise<number> {
  return store.countIpFailures(tx, ip, new Date(now.getTime() - LOCKOUT_POLICY.ipWindowMs));
}

/**
 * Decides whether this attempt may even verify a password. An unknown IP (no proxy header) is
 * not throttled by address: lumping every such request into one bucket would let anyone block
 * them all. Attempts refused here still count as failures (see registerFailure): ignoring the
 * delay is itself a guess at the account, so hammering it leads to the lock sooner.
 */
export async function checkGate(store: AccountStore, tx: Tx, ip: string | null, account: AccountState | null, now: Date): Promise<Gate> {
  if (ip && (await recentIpFailures(store, tx, ip, now)) >= LOCKOUT_POLICY.ipMaxFailures) return "ip_blocked";
  if (!account) return "open";
  if (account.lockedAt) return "locked";
  const delay = accountDelayMs(account.failedLoginCount);
  if (delay === 0) return "open";
  const last = await store.lastFailureAt(tx, account.id);
  return last && now.getTime() - last.getTime() < delay ? "throttled" : "open";
}

/**
 * One more consecutive failure; locks the account when it reaches the limit. The increment is
 * atomic and the lock is conditional on locked_at still being null, so two concurrent failures
 * cannot both report "locked now" (one ACCOUNT_LOCKED event, one audit row).
 */
export async function registerFailure(store: AccountStore, tx: Tx, accountId: string, now: Date): Promise<{ failures: number; lockedNow: boolean }> {
  const row = await store.addFailure(tx, accountId);
  if (row.failedLoginCount < LOCKOUT_POLICY.lockAfterFailures || row.lockedAt) {
    return { failures: row.failedLoginCount, lockedNow: false };
  }
  return { failures: row.failedLoginCount, lockedNow: await store.lock(tx, accountId, now) };
}
