import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentPlatformContext } from "@/lib/auth/session";
import { LoginCard } from "@/components/auth/login-card";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("signIn");

export default async function PlatformLoginPage() {
  if (await currentPlatformContext()) redirect("/platform");
  const t = await getTranslations("platform");
  return <LoginCard orgName={t("platformSignIn")} afterSignIn="/platform" forgotPassword={false} />;
}
