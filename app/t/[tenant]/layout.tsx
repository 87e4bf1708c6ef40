import type { ReactNode } from "react";
import { requireHostTenant } from "@/lib/tenancy/resolve";

export default async function TenantLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string }> }) {
  await requireHostTenant((await params).tenant);
  return children;
}
