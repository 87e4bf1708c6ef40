import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { forbidden, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/users/parse";
import { forgetTenant } from "./current";
import { formToSettings, settingsFormSchema } from "./settings-form";
import { parseTenantSettings, tenantSettingsSchema, type TenantSettings } from "./settings";

// A clinic admin edits the clinic's own settings (settings:manage). tenants is platform data:
// the app role may update only its settings column, and only on the row of the tenant its
// transaction is scoped to (policy and column grant in the web_sessions_and_tenant_settings
// migration). Other app servers keep a cached tenant row for up to 30 s (lib/tenancy/current.ts).

export async function getTenantSettings(ctx: Context): Promise<TenantSettings> {
  if (!can(ctx, "settings:manage")) throw forbidden();
  const row = await withTenant(ctx, (tx) => tx.tenant.findUnique({ where: { id: ctx.tenantId }, select: { settings: true } }));
  if (!row) throw notFound("Clínica");
  return parseTenantSettings(row.settings);
}

export async function updateTenantSettings(ctx: Context, input: unknown): Promise<TenantSettings> {
  if (!can(ctx, "settings:manage")) throw forbidden();
  const after = tenantSettingsSchema.parse(formToSettings(parseInput(settingsFormSchema, input)));
  await withTenant(ctx, async (tx) => {
    const row = await tx.tenant.findUnique({ where: { id: ctx.tenantId }, select: { settings: true } });
    if (!row) throw notFound("Clínica");
    const stored = row.settings && typeof row.settings === "object" && !Array.isArray(row.settings) ? (row.settings as Record<string, unknown>) : {};
    const before = parseTenantSettings(stored);
    // Top-level keys this form does not know (a later feature's) are kept as they are.
    await tx.tenant.update({ where: { id: ctx.tenantId }, data: { settings: { ...stored, ...after } }, select: { id: true } });
    await recordAudit(tx, ctx, {
      action: "tenant.settings_updated", entityType: "tenant", entityId: ctx.tenantId,
      metadata: { before, after, changed: changedPaths(before, after) },
    });
  });
  forgetTenant(ctx.tenantSlug);
  return after;
}

function changedPaths(before: TenantSettings, after: TenantSettings): string[] {
  const paths: string[] = [];
  for (const section of ["security", "scheduling", "attachments"] as const) {
    const b = before[section] as Record<string, unknown>;
    const a = after[section] as Record<string, unknown>;
    for (const key of Object.keys(a)) if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) paths.push(`${section}.${key}`);
  }
  return paths;
}
