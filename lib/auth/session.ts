import { getServerSession } from "next-auth";
import { cache } from "react";
import { recordSecurityEvent } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { systemDb } from "@/lib/db/system";
import { withTenant } from "@/lib/db/tenant";
import { requestMeta, type RequestMeta } from "@/lib/request";
import { findTenant } from "@/lib/tenancy/current";
import { DEFAULT_TENANT_SETTINGS } from "@/lib/tenancy/settings";
import { authOptions } from "./options";
import { permissionsFor } from "./policy";
import { mustEnrol } from "./two-factor-policy";
import { settingsOf, webSessionOf, type SessionEndReason, type SessionUserRow } from "./sessions";

// Builds the request's Context from the session cookie and the host, once per request (React
// cache). The cookie names a user_sessions row (lib/auth/sessions.ts), which is checked each
// time together with the user row: a revoked, idle or expired session, a disabled account or a
// bumped session version all end the session at its next request.
//
// The token says which kind of account it names (`kind`: clinic users live in users, super
// admins in platform_users; lib/auth/account-store.ts). A clinic host honours only clinic
// tokens of its own clinic, the root host only platform tokens, so an id is always looked up in
// the table it came from. A token without a kind (minted before the split) is not honoured.

export type PlatformContext = Omit<Context, "tenantId" | "tenantSlug"> & { tenantId: null; tenantSlug: null };

/** Why a presented cookie was not honoured: the session ended, or it belongs to another clinic. */
export type SessionRefusal = SessionEndReason | "tenant_mismatch";

type Resolution = {
  ctx: Context | null;
  sessionId: string | null;
  refusal: SessionRefusal | null;
  /** The clinic demands a second factor this user has not enrolled (guards.ts confines them). */
  enrolmentPending: boolean;
};

const PLATFORM_TIME_ZONE = "America/Sao_Paulo";
const none: Resolution = { ctx: null, sessionId: null, refusal: null, enrolmentPending: false };

const resolveTenantSession = cache(async (): Promise<Resolution> => {
  const meta = await requestMeta();
  if (!meta.tenantSlug) return none;
  const tenant = await findTenant(meta.tenantSlug);
  if (!tenant || tenant.status !== "ACTIVE") return none;
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return none;

  const scope = { tenantId: tenant.id, requestId: meta.requestId, user: null };
  if (!session.user.kind) return { ...none, refusal: "version" };
  if (session.user.kind !== "clinic" || session.user.tenantId !== tenant.id) {
    // A token minted for another tenant (or the platform) presented on this host.
    await withTenant(scope, (tx) => recordSecurityEvent(tx, meta, {
      type: "TENANT_MISMATCH", severity: "HIGH", details: { tokenTenant: session.user.tenantSlug ?? "platform" },
    }));
    return { ...none, refusal: "tenant_mismatch" };
  }
  const claims = { sessionId: session.user.sessionId, userId: session.user.id, sessionVersion: session.user.sessionVersion };
  const check = await webSessionOf(scope, claims, settingsOf(tenant), meta);
  if (!check.ok) return { ...none, refusal: check.reason };
  const ctx: Context = {
    tenantId: tenant.id, tenantSlug: tenant.slug, timeZone: tenant.timeZone, tenantSettings: tenant.settings,
    ...(await actorOf(check.user)), ...requestPart(meta),
  };
  const enrolmentPending = mustEnrol(tenant.settings, ctx.roles, check.user);
  return { ctx, sessionId: claims.sessionId ?? null, refusal: null, enrolmentPending };
});

export const currentContext = cache(async (): Promise<Context | null> => (await resolveTenantSession()).ctx);

/** The user_sessions row of this request's cookie, when it is honoured ("this device"). */
export async function currentSessionId(): Promise<string | null> {
  return (await resolveTenantSession()).sessionId;
}

/** Whether this request's user owes their clinic a second factor (read with the session). */
export async function currentEnrolmentPending(): Promise<boolean> {
  return (await resolveTenantSession()).enrolmentPending;
}

/** Why this request's cookie is not honoured on this clinic's host, if one was presented. */
export async function sessionRefusal(): Promise<SessionRefusal | null> {
  return (await resolveTenantSession()).refusal;
}

/**
 * Whether this request's cookie is honoured on this host, decided exactly as for the pages:
 * what GET /api/auth/session answers from (NextAuth alone only checks the cookie's signature,
 * so an ended session or another clinic's cookie would still read as signed in there).
 */
export async function sessionHonoured(): Promise<boolean> {
  const meta = await requestMeta();
  return meta.tenantSlug ? (await currentContext()) !== null : (await currentPlatformContext()) !== null;
}

export const currentPlatformContext = cache(async (): Promise<PlatformContext | null> => {
  const meta = await requestMeta();
  if (meta.tenantSlug) return null;
  const session = await getServerSession(authOptions());
  if (!session?.user?.id || session.user.kind !== "platform" || session.user.tenantId !== null) return null;
  // Platform accounts have no session rows (user_sessions is tenant data): the absolute limit is
  // checked against the sign-in time carried in the token; the version check does the rest.
  const limitMs = DEFAULT_TENANT_SETTINGS.security.absoluteSessionHours * 3_600_000;
  if (!session.user.authTime || Date.now() - session.user.authTime > limitMs) return null;
  const user = await systemDb.withPlatform(meta.requestId, session.user.id, (tx) => findPlatformUser(tx, session.user.id));
  if (!user || user.status !== "ACTIVE" || user.sessionVersion !== session.user.sessionVersion) return null;
  // Super admin is the only platform role: being in platform_users is holding it.
  const actor = await actorOf({ ...user, roles: [{ role: "super_admin" }] });
  return { tenantId: null, tenantSlug: null, timeZone: PLATFORM_TIME_ZONE, ...actor, ...requestPart(meta) };
});

const findPlatformUser = (tx: Tx, id: string) => tx.platformUser.findFirst({
  where: { id },
  select: { id: true, name: true, email: true, status: true, sessionVersion: true },
});

async function actorOf(user: Pick<SessionUserRow, "id" | "name" | "email" | "roles">) {
  const roles = user.roles.map((r) => r.role);
  return { user: { id: user.id, name: user.name, email: user.email }, roles, permissions: await permissionsFor(roles) };
}

const requestPart = (meta: RequestMeta) => ({ requestId: meta.requestId, ip: meta.ip, userAgent: meta.userAgent });
