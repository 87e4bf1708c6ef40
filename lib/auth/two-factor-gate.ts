import { cache } from "react";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { findTenant } from "@/lib/tenancy/current";
import { FACTOR_COLUMNS, methodOf, requiresSecondFactor } from "./two-factor-policy";

/**
 * True when the clinic demands a second factor from this signed-in user and they have none:
 * the guards then allow nothing but enrolment. Decided on every request from the live user row
 * (a factor turned on, or a role granted, takes effect at once); the row is read only when one
 * of the user's roles is on the clinic's list. Cached per request (React cache, keyed by the
 * request's Context object).
 */
export const enrolmentPending = cache(async (ctx: Context): Promise<boolean> => {
  if (!ctx.user) return false;
  const tenant = await findTenant(ctx.tenantSlug);
  if (!requiresSecondFactor(tenant?.settings, ctx.roles)) return false;
  const self = ctx.user;
  const row = await withTenant(ctx, (tx) => tx.user.findFirst({ where: { id: self.id }, select: FACTOR_COLUMNS }));
  return !row || methodOf(row) === null;
});
