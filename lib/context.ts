import type { RoleKey } from "@/lib/generated/prisma/enums";

/** Who is acting, for whom, and from where: built once per request by the guards. */
export type Context = {
  tenantId: string;
  tenantSlug: string;
  /** IANA zone the clinic works in; days and times are shown in it. */
  timeZone: string;
  user: { id: string; name: string; email: string } | null;
  roles: RoleKey[];
  permissions: ReadonlySet<string>;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  /** Why clinical data is being read (data_access_logs); defaults per domain function. */
  purpose?: string;
  /**
   * The clinic's settings as the guard read them with the tenant (the tenant cache, at most
   * 30 s old), for reads that only show something by them. Absent in contexts not built by a
   * guard (jobs, tests); writes that enforce a setting read it in their own transaction.
   */
  tenantSettings?: unknown;
};
