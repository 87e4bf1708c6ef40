import type { Tx } from "@/lib/db/client";
import { FACTOR_COLUMNS } from "./two-factor-policy";

// The account as every session check reads it, web and API alike, and as the session cache keeps
// it. The factor columns come along so the guards can tell a pending 2FA enrolment from this
// same read (two-factor-policy.ts), without a second transaction per request.

export const SESSION_USER_SELECT = {
  id: true, name: true, email: true, status: true, sessionVersion: true, roles: { select: { role: true } }, ...FACTOR_COLUMNS,
} as const;

export const findSessionUser = (tx: Tx, id: string) => tx.user.findFirst({ where: { id }, select: SESSION_USER_SELECT });

export type SessionUserRow = NonNullable<Awaited<ReturnType<typeof findSessionUser>>>;
