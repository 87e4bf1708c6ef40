import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentContext } from "@/lib/auth/session";
import { requireHostTenant } from "@/lib/tenancy/resolve";
import { LoginCard } from "@/components/auth/login-card";
import { SignupLink } from "@/components/patients/signup-link";

export const metadata: Metadata = { title: "Entrar" };

export default async function TenantLoginPage({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await requireHostTenant((await params).tenant);
  if (await currentContext()) redirect("/");
  return <LoginCard orgName={tenant.name} footer={<SignupLink />} />;
}
