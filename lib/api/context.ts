import { recordAudit, recordSecurityEvent } from "@/lib/audit/record";
import { revokeSession } from "@/lib/auth/api-tokens";
import type { Permission } from "@/lib/auth/permissions";
import { can, permissionsFor } from "@/lib/auth/policy";
import { sessionCache } from "@/lib/auth/session-cache";
import { SESSION_USER_SELECT, type SessionUserRow } from "@/lib/auth/session-rows";
import { enrolmentRequired, mustEnrol } from "@/lib/auth/two-factor-policy";
import type { Context } from "@/lib/context";
import { withTenant, type TenantScope } from "@/lib/db/tenant";
import { forbidden, unauthorized } from "@/lib/errors";
import { requestMetaFrom, type RequestMeta } from "@/lib/request";
import { findTenant } from "@/lib/tenancy/current";
import { bearerToken } from "./http";
import { verifyAccessToken, type AccessClaims } from "./jwt";

// The API's guard: the only source of a Context for bearer requests, built from the same pieces
// as the cookie guard (host tenant, live user row, role permissions). The signature alone is not
// trusted: every request re-reads the session and the user, so logout, a revoked family, a
// disabled account or a bumped session version end access at once, not in 15 minutes.

export type ApiAuth = { ctx: Context; sessionId: string };

export async function apiAuth(request: Request): Promise<ApiAuth> {
  const meta = requestMetaFrom(request.headers);
  const token = bearerToken(request);
  const claims = token ? verifyAccessToken(token) : null;
  if (!claims || !meta.tenantSlug) throw unauthorized();
  const tenant = await findTenant(meta.tenantSlug);
  if (!tenant || tenant.status !== "ACTIVE") throw unauthorized();
  const scope = { tenantId: tenant.id, requestId: meta.requestId, user: null };
  if (claims.tid !== tenant.id) {
    // A genuine token of another clinic presented on this host.
    await withTenant(scope, (tx) => recordSecurityEvent(tx, meta, {
      type: "TENANT_MISMATCH", severity: "HIGH", details: { via: "api", sessionId: claims.sid },
    }));
    throw unauthorized();
  }
  const user = await liveApiUser(scope, claims);
  if (!user) throw unauthorized();
  const roles = user.roles.map((r) => r.role);
  // The clinic now demands a second factor this user lacks (a role granted, a setting changed).
  if (mustEnrol(tenant.settings, roles, user)) throw enrolmentRequired();
  const ctx: Context = {
    tenantId: tenant.id, tenantSlug: tenant.slug, timeZone: tenant.timeZone,
    user: { id: user.id, name: user.name, email: user.email }, roles, permissions: await permissionsFor(roles),
    requestId: meta.requestId, ip: meta.ip, userAgent: meta.userAgent, tenantSettings: tenant.settings,
  };
  return { ctx, sessionId: claims.sid };
}

const alive = (session: { kind: string; expiresAt: Date }, user: SessionUserRow, claims: AccessClaims, now: Date) =>
  session.kind === "API" && session.expiresAt > now
  && user.id === claims.sub && user.status === "ACTIVE" && user.sessionVersion === claims.sv;

/**
 * The account behind a live API session, or null. Answered from memory when this process already
 * found the session alive (lib/auth/session-cache.ts: revocations reach it within milliseconds);
 * anything memory cannot vouch for is read from the database and, when alive, kept.
 */
async function liveApiUser(scope: TenantScope, claims: AccessClaims): Promise<SessionUserRow | null> {
  const now = new Date();
  const hit = sessionCache.get(scope.tenantId, claims.sid, now.getTime());
  if (hit && alive(hit, hit.user, claims, now)) return hit.user;
  const ticket = sessionCache.ticket();
  const session = await withTenant(scope, (tx) => tx.userSession.findFirst({
    where: { id: claims.sid, revokedAt: null },
    select: { kind: true, lastSeenAt: true, expiresAt: true, user: { select: SESSION_USER_SELECT } },
  }));
  if (!session || !alive(session, session.user, claims, now)) return null;
  sessionCache.put(ticket, { tenantId: scope.tenantId, sessionId: claims.sid, ...session });
  return session.user;
}

/** A Context allowed `permission`: 401 without a live token, 403 without the permission. */
export async function apiContextFor(request: Request, permission: Permission): Promise<Context> {
  const { ctx } = await apiAuth(request);
  if (!can(ctx, permission)) throw forbidden();
  return ctx;
}

/** Logout: ends the token's session, and with it every refresh token of its family. */
export async function logoutApiSession({ ctx, sessionId }: ApiAuth): Promise<void> {
  await withTenant(ctx, async (tx) => {
    await revokeSession(tx, sessionId);
    await recordAudit(tx, ctx, { action: "auth.api_logout", entityType: "user_session", entityId: sessionId });
  });
}

export const metaOf = (request: Request): RequestMeta => requestMetaFrom(request.headers);
