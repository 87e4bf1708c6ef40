import { systemDb, type TenantRow } from "@/lib/db/system";

// Tenants change rarely and are looked up on every request: keep them briefly in memory. A
// change to a clinic's row is announced by the database (migration tenant_change_notify_sql) and
// drops the entry on every app server listening (lib/auth/session-cache.ts) within milliseconds;
// TTL_MS bounds it for a server that was not.
const TTL_MS = 30_000;
const cache = new Map<string, { at: number; tenant: TenantRow | null }>();
// Bumped by every forget: a read that was under way when its slug was forgotten may hold the row
// from before the change, so it answers its caller but is not kept.
let forgets = 0;

export async function findTenant(slug: string): Promise<TenantRow | null> {
  const hit = cache.get(slug);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.tenant;
  const before = forgets;
  const tenant = await systemDb.findTenantBySlug(slug);
  if (forgets === before) cache.set(slug, { at: Date.now(), tenant });
  return tenant;
}

export function forgetTenant(slug: string): void {
  forgets += 1;
  cache.delete(slug);
}
