import type { Context } from "@/lib/context";
import type { Permission } from "./permissions";

// What the staff shell offers, derived from permissions (not role names) so a custom grant
// shows exactly what it unlocks. Labels are message keys in the "nav" namespace.

export type NavEntry = { href: string; labelKey: "dashboard" | "schedule" | "myDay" | "records" | "recordTemplates" | "clinicMedications" | "pharmacies" | "agendas" | "insurers" | "patients" | "waitlist" | "finance" | "users" | "audit" | "settings" | "account"; permission: Permission };

const STAFF_NAV: NavEntry[] = [
  { href: "/", labelKey: "dashboard", permission: "dashboard:view" },
  { href: "/schedule", labelKey: "schedule", permission: "appointments:read" },
  // A doctor's own day; records:write is what marks a clinician.
  { href: "/my-day", labelKey: "myDay", permission: "records:write" },
  // The charting inbox; the layout adds how many records wait for this doctor.
  { href: "/records", labelKey: "records", permission: "records:write" },
  { href: "/patients", labelKey: "patients", permission: "patients:read" },
  { href: "/waitlist", labelKey: "waitlist", permission: "appointments:write" },
  { href: "/finance", labelKey: "finance", permission: "finance:read" },
  { href: "/admin", labelKey: "users", permission: "users:read" },
  { href: "/admin/audit", labelKey: "audit", permission: "audit:read" },
  { href: "/admin/agendas", labelKey: "agendas", permission: "agendas:manage" },
  { href: "/admin/insurers", labelKey: "insurers", permission: "settings:manage" },
  { href: "/admin/settings", labelKey: "settings", permission: "settings:manage" },
  { href: "/admin/record-templates", labelKey: "recordTemplates", permission: "settings:manage" },
  { href: "/admin/medications", labelKey: "clinicMedications", permission: "settings:manage" },
  { href: "/admin/pharmacies", labelKey: "pharmacies", permission: "settings:manage" },
  // Every staff member manages their own sign-in security (2FA).
  { href: "/account", labelKey: "account", permission: "dashboard:view" },
];

export function staffNavFor(ctx: Pick<Context, "permissions">): NavEntry[] {
  return STAFF_NAV.filter((entry) => ctx.permissions.has(entry.permission));
}
