import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** "Criar conta de paciente", for the clinic's sign-in page (placed there by its owner). */
export async function SignupLink() {
  const t = await getTranslations("signup");
  return (
    <Link href="/portal/signup" className="block text-center text-sm font-medium text-brand-700 underline">
      {t("createAccountLink")}
    </Link>
  );
}
