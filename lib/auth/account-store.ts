import {
  recordAudit, recordPlatformAudit, recordPlatformSecurityEvent, recordSecurityEvent,
  type Actor, type AuditEntry, type EventContext, type SecurityEventEntry,
} from "@/lib/audit/record";
import type { Tx } from "@/lib/db/client";
import { FACTOR_COLUMNS, type FactorState } from "./two-factor-policy";

// Where sign-in finds an account and leaves its traces. There are two kinds of account in two
// sets of tables: clinic users (users, login_attempts, security_events, audit_logs; inside the
// clinic's withTenant transaction) and platform super admins (platform_users and the platform_*
// logs; inside systemDb.withPlatform). The password step, the second factor, throttling and
// lockout (sign-in.ts, two-factor-verify.ts, lockout.ts) are written once against this
// interface, so both kinds follow the same rules while their rows never meet.

/** Which table an account id belongs to; carried in the session token and checked on every request. */
export type AccountKind = "clinic" | "platform";

/** What sign-in reads of an account. */
export type Account = FactorState & {
  id: string; name: string; email: string; passwordHash: string | null; status: string; phone: string | null;
  sessionVersion: number; failedLoginCount: number; lockedAt: Date | null;
  totpSecretEnc: string | null; totpLastStep: bigint | null;
};

export type AttemptRow = { userId: string | null; emailHash: string; ip: string; succeeded: boolean; createdAt: Date };

export type AccountStore = {
  kind: AccountKind;
  findByEmail(tx: Tx, email: string): Promise<Account | null>;
  findById(tx: Tx, id: string): Promise<Account | null>;
  /** A completed sign-in: last login now, the failure counter back to zero. */
  markSignedIn(tx: Tx, id: string, at: Date): Promise<void>;
  /** One more consecutive failure (atomic increment): the new count, and whether already locked. */
  addFailure(tx: Tx, id: string): Promise<{ failedLoginCount: number; lockedAt: Date | null }>;
  /** Locks the account unless it is locked already; true when this call locked it. */
  lock(tx: Tx, id: string, at: Date): Promise<boolean>;
  /** Claims a TOTP time step newer than the last accepted one; false for a replay. */
  claimTotpStep(tx: Tx, id: string, step: bigint): Promise<boolean>;
  recordAttempt(tx: Tx, row: AttemptRow): Promise<void>;
  countIpFailures(tx: Tx, ip: string, since: Date): Promise<number>;
  lastFailureAt(tx: Tx, userId: string): Promise<Date | null>;
  audit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void>;
  securityEvent(tx: Tx, ctx: EventContext, entry: SecurityEventEntry): Promise<void>;
};

const LOCKOUT_COLUMNS = {
  id: true, name: true, email: true, passwordHash: true, status: true, sessionVersion: true,
  failedLoginCount: true, lockedAt: true, totpSecretEnc: true, totpLastStep: true,
} as const;

const newerStep = (step: bigint) => ({ OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] });

/** The users of one clinic. Every filter names the clinic (Citus routes by it; RLS holds it anyway). */
export function clinicAccounts(tenantId: string): AccountStore {
  const select = { ...LOCKOUT_COLUMNS, ...FACTOR_COLUMNS, phone: true } as const;
  return {
    kind: "clinic",
    findByEmail: (tx, email) => tx.user.findFirst({ where: { tenantId, email }, select }),
    findById: (tx, id) => tx.user.findFirst({ where: { tenantId, id }, select }),
    async markSignedIn(tx, id, at) {
      await tx.user.update({ where: { tenantId_id: { tenantId, id } }, data: { lastLoginAt: at, failedLoginCount: 0 }, select: { id: true } });
    },
    addFailure: (tx, id) => tx.user.update({
      where: { tenantId_id: { tenantId, id } }, data: { failedLoginCount: { increment: 1 } }, select: { failedLoginCount: true, lockedAt: true },
    }),
    async lock(tx, id, at) {
      return (await tx.user.updateMany({ where: { tenantId, id, lockedAt: null }, data: { lockedAt: at } })).count === 1;
    },
    async claimTotpStep(tx, id, step) {
      return (await tx.user.updateMany({ where: { tenantId, id, ...newerStep(step) }, data: { totpLastStep: step } })).count === 1;
    },
    async recordAttempt(tx, row) {
      await tx.loginAttempt.create({ data: row, select: { id: true } });
    },
    countIpFailures: (tx, ip, since) => tx.loginAttempt.count({ where: { tenantId, ip, succeeded: false, createdAt: { gt: since } } }),
    async lastFailureAt(tx, userId) {
      const row = await tx.loginAttempt.findFirst({
        where: { tenantId, userId, succeeded: false }, orderBy: { createdAt: "desc" }, select: { createdAt: true },
      });
      return row?.createdAt ?? null;
    },
    audit: recordAudit,
    securityEvent: recordSecurityEvent,
  };
}

/** Platform accounts have a password and, optionally, TOTP: no codes by message, no phone. */
const asAccount = <T extends object>(row: T | null) =>
  row && { ...row, phone: null, otpChannel: null, otpEnabledAt: null };

/** The platform's super admins (root host). */
export const platformAccounts: AccountStore = {
  kind: "platform",
  findByEmail: async (tx, email) => asAccount(await tx.platformUser.findFirst({ where: { email }, select: { ...LOCKOUT_COLUMNS, totpEnabledAt: true } })),
  findById: async (tx, id) => asAccount(await tx.platformUser.findFirst({ where: { id }, select: { ...LOCKOUT_COLUMNS, totpEnabledAt: true } })),
  async markSignedIn(tx, id, at) {
    await tx.platformUser.update({ where: { id }, data: { lastLoginAt: at, failedLoginCount: 0 }, select: { id: true } });
  },
  addFailure: (tx, id) => tx.platformUser.update({
    where: { id }, data: { failedLoginCount: { increment: 1 } }, select: { failedLoginCount: true, lockedAt: true },
  }),
  async lock(tx, id, at) {
    return (await tx.platformUser.updateMany({ where: { id, lockedAt: null }, data: { lockedAt: at } })).count === 1;
  },
  async claimTotpStep(tx, id, step) {
    return (await tx.platformUser.updateMany({ where: { id, ...newerStep(step) }, data: { totpLastStep: step } })).count === 1;
  },
  async recordAttempt(tx, row) {
    await tx.platformLoginAttempt.create({ data: row, select: { id: true } });
  },
  countIpFailures: (tx, ip, since) => tx.platformLoginAttempt.count({ where: { ip, succeeded: false, createdAt: { gt: since } } }),
  async lastFailureAt(tx, userId) {
    const row = await tx.platformLoginAttempt.findFirst({
      where: { userId, succeeded: false }, orderBy: { createdAt: "desc" }, select: { createdAt: true },
    });
    return row?.createdAt ?? null;
  },
  audit: recordPlatformAudit,
  securityEvent: recordPlatformSecurityEvent,
};
