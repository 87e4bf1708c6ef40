import { notFound } from "next/navigation";
import { cache } from "react";
import { requestMeta } from "@/lib/request";
import { findTenant } from "./current";

export type HostTenant = { id: string; slug: string; name: string; timeZone: string };

/**
 * The tenant of this request's host, or the 404 page. The slug comes from the header proxy.ts
 * set (never from the URL a client could type), and must agree with the route segment.
 */
export const requireHostTenant = cache(async (routeSlug: string): Promise<HostTenant> => {
  const { tenantSlug } = await requestMeta();
  if (!tenantSlug || tenantSlug !== routeSlug) notFound();
  const tenant = await findTenant(tenantSlug);
  if (!tenant || tenant.status !== "ACTIVE") notFound();
  return { id: tenant.id, slug: tenant.slug, name: tenant.name, timeZone: tenant.timeZone };
});
