import { ROLE_NAMES } from "@/lib/auth/permissions";
import type { RoleKey } from "@/lib/generated/prisma/enums";
import { TENANTS } from "./tenants";
import { DEMO_PASSWORD, PLATFORM_ADMIN } from "./users";

// The demo logins, for the seed's closing table and for e2e tests that need a user per role.

export type DemoLogin = { url: string; email: string; password: string; role: RoleKey; tenant: string | null };

export function demoLogins(appHost: string): DemoLogin[] {
  const tenantLogins = TENANTS.flatMap((t) => t.users.map((u) => ({
    url: `http://${t.slug}.${appHost}/login`, email: u.email, password: DEMO_PASSWORD, role: u.role, tenant: t.slug,
  })));
  return [
    { url: `http://${appHost}/login`, email: PLATFORM_ADMIN.email, password: DEMO_PASSWORD, role: "super_admin" as const, tenant: null },
    ...tenantLogins,
  ];
}

export function formatLogins(appHost: string): string {
  const rows = demoLogins(appHost).map((l) => [l.url, l.email, l.password, ROLE_NAMES[l.role]]);
  const header = ["URL", "E-mail", "Senha", "Papel"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
