import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { StaffShell } from "@/components/layout/app-shell";
import { IdleWarning } from "@/components/sessions/idle-warning";
import { requireStaff } from "@/lib/auth/guards";
import { staffNavFor } from "@/lib/auth/navigation";
import { sessionIdleMinutes } from "@/lib/auth/sessions";
import { can } from "@/lib/auth/policy";
import { pendingWork } from "@/lib/ehr/records/queries";
import { requireHostTenant } from "@/lib/tenancy/resolve";
import { keepAliveAction } from "./account/session-actions";

// The shell only. Each page runs its own guard too: server actions and RSC requests for a page
// do not pass through this layout.
export default async function StaffLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string }> }) {
  const tenant = await requireHostTenant((await params).tenant);
  const ctx = await requireStaff();
  const [tn, tr, idleMinutes, work] = await Promise.all([
    getTranslations("nav"), getTranslations("roles"), sessionIdleMinutes(ctx), can(ctx, "records:sign") ? pendingWork(ctx) : [],
  ]);
  // Records waiting for this doctor's signature or review, counted in the navigation (SBIS NGS1).
  const items = staffNavFor(ctx).map((entry) => ({
    href: entry.href,
    label: entry.labelKey === "records" && work.length > 0 ? tn("recordsPending", { count: work.length }) : tn(entry.labelKey),
  }));
  const roleLabel = ctx.roles.map((r) => tr(r)).join(", ");
  return (
    <StaffShell orgName={tenant.name} user={{ name: ctx.user?.name ?? "", roleLabel }} items={items}>
      {children}
      <IdleWarning idleMinutes={idleMinutes} keepAlive={keepAliveAction} />
    </StaffShell>
  );
}
