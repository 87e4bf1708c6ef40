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
};
