import { appPrisma, holdingConnection, lookupPrisma, type Tx } from "./client";

// Privileged, deliberately narrow access that is not scoped to one tenant. Allowed importers are
// listed in eslint.config.mjs (tenancy lookup, sign-in, platform area). It still connects as the
// application role: "platform mode" only reveals the platform_* tables (super admins, their
// sign-in attempts, security events and audit trail), never a clinic's rows.

export type TenantRow = {
  id: string;
  slug: string;
  name: string;
  status: "ACTIVE" | "SUSPENDED" | "ARCHIVED";
  timeZone: string;
  locale: string;
  settings: unknown;
};

export const systemDb = {
  /** tenants is platform data the app role may read; used to resolve a host's slug. */
  async findTenantBySlug(slug: string): Promise<TenantRow | null> {
    return lookupPrisma().tenant.findUnique({
      where: { slug },
      select: { id: true, slug: true, name: true, status: true, timeZone: true, locale: true, settings: true },
    });
  },

  async listTenants() {
    return lookupPrisma().tenant.findMany({
      orderBy: { name: "asc" },
      select: { id: true, slug: true, name: true, cnpj: true, cnes: true, status: true, createdAt: true },
    });
  },

  /** The role → permission matrix (platform reference data, cached by the caller). */
  async rolePermissions() {
    return lookupPrisma().role.findMany({ select: { key: true, permissions: { select: { permissionKey: true } } } });
  },

  /** A transaction in platform mode (no clinic): for super admins' own rows in the platform_* tables. */
  async withPlatform<T>(requestId: string, userId: string | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return appPrisma().$transaction(async (tx) => {
      // The platform policy also demands that no clinic be set: one transaction, one kind of row.
      await tx.$executeRaw`SELECT set_config('app.platform', 'on', true),
        set_config('app.tenant_id', '', true),
        set_config('app.user_id', ${userId ?? ""}, true),
        set_config('app.request_id', ${requestId}, true)`;
      return holdingConnection(() => fn(tx));
    });
  },
};
