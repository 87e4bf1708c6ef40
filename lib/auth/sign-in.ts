import { z } from "zod";
import { recordAudit, recordSecurityEvent } from "@/lib/audit/record";
import { lookupHash } from "@/lib/crypto/config";
import { verifyPasswordOrDummy } from "@/lib/crypto/password";
import type { Tx } from "@/lib/db/client";
import { systemDb } from "@/lib/db/system";
import { withTenant } from "@/lib/db/tenant";
import type { RequestMeta } from "@/lib/request";

// Password sign-in for one tenant (or the platform when no tenant host). Every attempt is
// recorded; a failure answers the same way whether the e-mail exists or not, and takes about as
// long (a dummy argon2 verification when there is no user).

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
});

export type SessionUser = {
  id: string;
  name: string;
  email: string;
  tenantId: string | null;
  tenantSlug: string | null;
  sessionVersion: number;
};

type Candidate = { id: string; name: string; email: string; passwordHash: string | null; status: string; sessionVersion: number };

const findCandidate = (tx: Tx, email: string) =>
  tx.user.findFirst({
    where: { email },
    select: { id: true, name: true, email: true, passwordHash: true, status: true, sessionVersion: true },
  });

async function recordOutcome(tx: Tx, meta: RequestMeta, emailHash: string, user: Candidate | null, ok: boolean) {
  await tx.loginAttempt.create({ data: { userId: user?.id ?? null, emailHash, ip: meta.ip ?? "unknown", succeeded: ok } });
  if (ok && user) {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await recordAudit(tx, { ...meta, user }, { action: "auth.login", entityType: "user", entityId: user.id });
  } else {
    await recordSecurityEvent(tx, meta, {
      type: "LOGIN_FAILED",
      severity: user ? "MEDIUM" : "LOW",
      userId: user?.id ?? null,
      details: { reason: user ? (user.status === "ACTIVE" ? "bad_password" : "inactive_user") : "unknown_user" },
    });
  }
}

export async function authenticate(input: unknown, meta: RequestMeta): Promise<SessionUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;

  if (meta.tenantSlug) {
    const tenant = await systemDb.findTenantBySlug(meta.tenantSlug);
    if (!tenant || tenant.status !== "ACTIVE") {
      await verifyPasswordOrDummy(null, password);
      return null;
    }
    const scope = { tenantId: tenant.id, requestId: meta.requestId, user: null };
    // Verify outside the transaction: argon2 costs ~20 ms and should not hold a connection.
    const user = await withTenant(scope, (tx) => findCandidate(tx, email));
    const ok = (await verifyPasswordOrDummy(user?.passwordHash, password)) && user?.status === "ACTIVE";
    await withTenant({ ...scope, user }, (tx) =>
      recordOutcome(tx, meta, lookupHash(tenant.id, "login-email", email), user, ok));
    return ok && user ? { ...pick(user), tenantId: tenant.id, tenantSlug: tenant.slug } : null;
  }

  const user = await systemDb.withPlatform(meta.requestId, null, (tx) => findCandidate(tx, email));
  const ok = (await verifyPasswordOrDummy(user?.passwordHash, password)) && user?.status === "ACTIVE";
  await systemDb.withPlatform(meta.requestId, user?.id ?? null, (tx) =>
    recordOutcome(tx, meta, lookupHash("platform", "login-email", email), user, ok));
  return ok && user ? { ...pick(user), tenantId: null, tenantSlug: null } : null;
}

const pick = (u: Candidate) => ({ id: u.id, name: u.name, email: u.email, sessionVersion: u.sessionVersion });
