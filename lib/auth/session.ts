import { getServerSession } from "next-auth";
import { cache } from "react";
import { recordSecurityEvent } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { systemDb } from "@/lib/db/system";
import { withTenant } from "@/lib/db/tenant";
import { requestMeta, type RequestMeta } from "@/lib/request";
import { findTenant } from "@/lib/tenancy/current";
import { authOptions } from "./options";
import { permissionsFor } from "./policy";

// Builds the request's Context from the session cookie and the host, once per request (React
// cache). The user row is re-read each time so that a disabled account or a bumped session
// version ends the session at its next request.

export type PlatformContext = Omit<Context, "tenantId" | "tenantSlug"> & { tenantId: null; tenantSlug: null };

const PLATFORM_TIME_ZONE = "America/Sao_Paulo";

export const currentContext = cache(async (): Promise<Context | null> => {
  const meta = await requestMeta();
  if (!meta.tenantSlug) return null;
  const tenant = await findTenant(meta.tenantSlug);
  if (!tenant || tenant.status !== "ACTIVE") return null;
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return null;

  const scope = { tenantId: tenant.id, requestId: meta.requestId, user: null };
  if (session.user.tenantId !== tenant.id) {
    // A token minted for another tenant (or the platform) presented on this host.
    await withTenant(scope, (tx) => recordSecurityEvent(tx, meta, {
      type: "TENANT_MISMATCH", severity: "HIGH", details: { tokenTenant: session.user.tenantSlug ?? "platform" },
    }));
    return null;
  }
  const user = await withTenant(scope, (tx) => findSessionUser(tx, session.user.id));
  const actor = await liveActor(user, session.user.sessionVersion);
  return actor && { tenantId: tenant.id, tenantSlug: tenant.slug, timeZone: tenant.timeZone, ...actor, ...requestPart(meta) };
});

/** The clinic a presented session cookie was issued for ("platform" for super admins), if any. */
export async function presentedSessionTenant(): Promise<string | null> {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return null;
  return session.user.tenantSlug ?? "platform";
}

export const currentPlatformContext = cache(async (): Promise<PlatformContext | null> => {
  const meta = await requestMeta();
  if (meta.tenantSlug) return null;
  const session = await getServerSession(authOptions());
  if (!session?.user?.id || session.user.tenantId !== null) return null;
  const user = await systemDb.withPlatform(meta.requestId, session.user.id, (tx) => findSessionUser(tx, session.user.id));
  const actor = await liveActor(user, session.user.sessionVersion);
  return actor && { tenantId: null, tenantSlug: null, timeZone: PLATFORM_TIME_ZONE, ...actor, ...requestPart(meta) };
});

// RLS decides which user rows the transaction can see (the tenant's, or platform users).
const findSessionUser = (tx: Tx, id: string) => tx.user.findFirst({
  where: { id },
  select: { id: true, name: true, email: true, status: true, sessionVersion: true, roles: { select: { role: true } } },
});

/** The session's user as an actor, or null when disabled or when the session version moved on. */
async function liveActor(user: Awaited<ReturnType<typeof findSessionUser>>, sessionVersion: number) {
  if (!user || user.status !== "ACTIVE" || user.sessionVersion !== sessionVersion) return null;
  const roles = user.roles.map((r) => r.role);
  return { user: { id: user.id, name: user.name, email: user.email }, roles, permissions: await permissionsFor(roles) };
}

const requestPart = (meta: RequestMeta) => ({ requestId: meta.requestId, ip: meta.ip, userAgent: meta.userAgent });
