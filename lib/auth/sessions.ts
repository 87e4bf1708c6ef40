import { recordAudit, recordSecurityEvent } from "@/lib/audit/record";
import type { Tx } from "@/lib/db/client";
import { withTenant, type TenantScope } from "@/lib/db/tenant";
import type { RoleKey } from "@/lib/generated/prisma/enums";
import type { RequestMeta } from "@/lib/request";
import { findTenant } from "@/lib/tenancy/current";
import { parseTenantSettings, type TenantSettings } from "@/lib/tenancy/settings";
import type { SessionUser } from "./sign-in";
import { sessionCache, type Ticket } from "./session-cache";
import { findSessionUser, type SessionUserRow } from "./session-rows";

// Web (cookie) sessions as user_sessions rows of kind WEB. The JWT in the cookie only names its
// row (sid); the row decides whether the session is still alive: revoked, past its absolute
// limit (expires_at, fixed at sign-in), or idle longer than the clinic allows. Ending a session
// records why (revoke_reason), so the sign-in page can tell the person what happened.

export const WEB_SESSION = "WEB";
/** last_seen_at is written at most this often per session: one write per minute, not per request. */
export const TOUCH_INTERVAL_MS = 60_000;
/** NextAuth's own cookie lifetime: the largest absolute limit a clinic may set. */
export const MAX_ABSOLUTE_SESSION_HOURS = 24;

export type SessionEndReason = "idle" | "absolute" | "signed_out" | "revoked" | "everywhere" | "version" | "disabled";
const REASONS: readonly SessionEndReason[] = ["idle", "absolute", "signed_out", "revoked", "everywhere", "version", "disabled"];

type Meta = Pick<RequestMeta, "requestId" | "ip" | "userAgent">;

/** Patients are accounts whose only role is patient; anyone with a staff role gets the staff limit. */
export const isPatientOnly = (roles: readonly RoleKey[]) => roles.length > 0 && roles.every((r) => r === "patient");

export function idleMinutesFor(settings: TenantSettings, roles: readonly RoleKey[]): number {
  return isPatientOnly(roles) ? settings.security.patientIdleMinutes : settings.security.staffIdleMinutes;
}

/** Opens the row of a new web sign-in on a clinic host; null for platform accounts (no tenant). */
export async function openWebSession(user: SessionUser, meta: Meta, now = new Date()): Promise<string | null> {
  if (user.kind !== "clinic") return null;
  const tenant = await findTenant(user.tenantSlug);
  const settings = parseTenantSettings(tenant?.settings);
  const expiresAt = new Date(now.getTime() + settings.security.absoluteSessionHours * 3_600_000);
  return withTenant({ tenantId: user.tenantId, requestId: meta.requestId, user }, async (tx) => {
    const row = await tx.userSession.create({
      data: {
        userId: user.id, kind: WEB_SESSION, ip: meta.ip?.slice(0, 45) ?? null, userAgent: meta.userAgent?.slice(0, 512) ?? null,
        createdAt: now, lastSeenAt: now, expiresAt,
      },
      select: { id: true },
    });
    return row.id;
  });
}

export type WebSessionClaims = { sessionId: string | null | undefined; userId: string; sessionVersion: number };
export type { SessionUserRow };
export type SessionCheck =
  | { ok: true; user: SessionUserRow; lastSeenAt: Date; expiresAt: Date }
  | { ok: false; reason: SessionEndReason };

const asReason = (value: string | null): SessionEndReason =>
  (REASONS as readonly string[]).includes(value ?? "") ? (value as SessionEndReason) : "revoked";

/**
 * Whether a presented web session is alive, inside the tenant's transaction. A session found
 * dead for the first time is revoked here, with a security event; one already revoked is
 * refused with the reason stored then (nothing is written again). A live one is touched.
 */
export async function checkWebSession(tx: Tx, claims: WebSessionClaims, settings: TenantSettings, meta: Meta, now: Date): Promise<SessionCheck> {
  // A cookie from before sessions had rows: it names nothing to check, so it is not honoured.
  if (!claims.sessionId) return { ok: false, reason: "version" };
  const row = await tx.userSession.findFirst({
    where: { id: claims.sessionId, userId: claims.userId, kind: WEB_SESSION },
    select: { id: true, lastSeenAt: true, expiresAt: true, revokedAt: true, revokeReason: true },
  });
  if (!row) return { ok: false, reason: "revoked" };
  if (row.revokedAt) return { ok: false, reason: asReason(row.revokeReason) };
  const user = await findSessionUser(tx, claims.userId);
  const reason = endReason(user, claims, row, settings, now);
  if (reason) {
    // Two concurrent requests may both find it alive: only the one that ends it logs it.
    if (!(await endSession(tx, row.id, reason, now))) return { ok: false, reason };
    await recordSecurityEvent(tx, meta, {
      type: "SESSION_REVOKED", severity: reason === "disabled" ? "MEDIUM" : "INFO", userId: claims.userId,
      details: { reason, sessionId: row.id, kind: WEB_SESSION },
    });
    return { ok: false, reason };
  }
  let lastSeenAt = row.lastSeenAt;
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await tx.userSession.updateMany({ where: { id: row.id, revokedAt: null }, data: { lastSeenAt: now } });
    lastSeenAt = now;
  }
  return { ok: true, user: user!, lastSeenAt, expiresAt: row.expiresAt };
}

/**
 * A request's web session check: answered from memory when this process already found the
 * session alive and nothing is due to be written (session-cache.ts); otherwise checkWebSession
 * in the tenant's transaction, whose live answer is then kept.
 */
export async function webSessionOf(
  scope: TenantScope, claims: WebSessionClaims, settings: TenantSettings, meta: Meta, now = new Date(),
): Promise<SessionCheck> {
  const hit = claims.sessionId ? sessionCache.get(scope.tenantId, claims.sessionId, now.getTime()) : null;
  if (hit && hit.kind === WEB_SESSION && hit.user.id === claims.userId && endReason(hit.user, claims, hit, settings, now) === null
    && now.getTime() - hit.lastSeenAt.getTime() < TOUCH_INTERVAL_MS) {
    return { ok: true, user: hit.user, lastSeenAt: hit.lastSeenAt, expiresAt: hit.expiresAt };
  }
  const ticket: Ticket = sessionCache.ticket();
  const check = await withTenant(scope, (tx) => checkWebSession(tx, claims, settings, meta, now));
  if (check.ok && claims.sessionId) {
    sessionCache.put(ticket, {
      tenantId: scope.tenantId, sessionId: claims.sessionId, kind: WEB_SESSION,
      lastSeenAt: check.lastSeenAt, expiresAt: check.expiresAt, user: check.user,
    });
  }
  return check;
}

function endReason(
  user: SessionUserRow | null, claims: WebSessionClaims, row: { lastSeenAt: Date; expiresAt: Date },
  settings: TenantSettings, now: Date,
): SessionEndReason | null {
  if (!user || user.status !== "ACTIVE") return "disabled";
  if (user.sessionVersion !== claims.sessionVersion) return "version";
  if (row.expiresAt <= now) return "absolute";
  const idleMs = idleMinutesFor(settings, user.roles.map((r) => r.role)) * 60_000;
  if (now.getTime() - row.lastSeenAt.getTime() > idleMs) return "idle";
  return null;
}

/** Ends one session (and, for an API session, its refresh family); true when it was still open. */
export async function endSession(tx: Tx, sessionId: string, reason: SessionEndReason, now = new Date()): Promise<boolean> {
  const { count } = await tx.userSession.updateMany({
    where: { id: sessionId, revokedAt: null }, data: { revokedAt: now, revokeReason: reason },
  });
  return count === 1;
}

/** Sign-out from the cookie's own browser: the row ends now rather than at its next use. */
export async function endWebSessionOnSignOut(tenantId: string, userId: string, sessionId: string, meta: Meta): Promise<void> {
  await withTenant({ tenantId, requestId: meta.requestId, user: { id: userId } }, async (tx) => {
    const row = await tx.userSession.findFirst({
      where: { id: sessionId, userId, kind: WEB_SESSION }, select: { id: true, user: { select: { id: true, name: true, email: true } } },
    });
    if (!row || !(await endSession(tx, row.id, "signed_out"))) return;
    await recordAudit(tx, { ...meta, user: row.user }, { action: "auth.logout", entityType: "user_session", entityId: row.id });
  });
}

/** The settings a tenant row holds, defaults filled in. */
export const settingsOf = (tenant: { settings: unknown } | null) => parseTenantSettings(tenant?.settings);

/** The idle limit that applies to this context's session (for the client-side warning). */
export async function sessionIdleMinutes(ctx: { tenantSlug: string; roles: readonly RoleKey[] }): Promise<number> {
  return idleMinutesFor(settingsOf(await findTenant(ctx.tenantSlug)), ctx.roles);
}
