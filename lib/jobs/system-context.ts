import type { Context } from "@/lib/context";

/**
 * The actor of background work: no user, no permissions. Job code calls the narrow functions
 * meant for it (never the staff ones that check can()), and audit rows show actor NULL with
 * the job's request id (`job:<queue>:<id>`), which is how a reader tells the worker apart.
 */
export function systemContext(tenant: { id: string; slug: string; timeZone: string }, requestId: string): Context {
  return {
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    timeZone: tenant.timeZone,
    user: null,
    roles: [],
    permissions: new Set(),
    requestId,
    ip: null,
    userAgent: "prontivus-worker",
  };
}
