import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentPlatformContext } from "@/lib/auth/session";
import { LoginCard } from "@/components/auth/login-card";

export const metadata: Metadata = { title: "Entrar" };

export default async function PlatformLoginPage() {
  if (await currentPlatformContext()) redirect("/platform");
  const t = await getTranslations("platform");
  return <LoginCard orgName={t("platformSignIn")} afterSignIn="/platform" forgotPassword={false} />;
}
