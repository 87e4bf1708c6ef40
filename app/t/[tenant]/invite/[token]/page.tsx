import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/layout/language-switcher";
import { Alert } from "@/components/ui/alert";
import { AcceptInvitationForm } from "@/components/users/accept-invitation-form";
import { requireHostTenant } from "@/lib/tenancy/resolve";
import { findInvitationPreview } from "@/lib/users/accept-invitation";
import { acceptInvitationAction } from "./actions";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("invitation", { referrer: "no-referrer" });

// Public by design: the token in the path is the credential, checked here to pick the form
// (CRM fields for doctors) and again, atomically, when the form is sent.
export default async function AcceptInvitationPage({ params }: { params: Promise<{ tenant: string; token: string }> }) {
  const { tenant: slug, token } = await params;
  const tenant = await requireHostTenant(slug);
  const [t, tr, preview] = await Promise.all([
    getTranslations("invitation"), getTranslations("roles"), findInvitationPreview(tenant.slug, token),
  ]);
  return (
    <main className="flex min-h-dvh items-center justify-center p-6">
      <div className="w-full max-w-md space-y-6">
        <div className="space-y-1 text-center">
          <p className="text-sm font-semibold text-brand-700">Prontivus</p>
          <h1 className="text-2xl font-semibold text-fg">{tenant.name}</h1>
        </div>
        <div className="rounded-lg border border-border bg-surface p-6 shadow-sm">
          {preview ? (
            <>
              <h2 className="text-lg font-semibold">{t("title")}</h2>
              <p className="mb-4 mt-1 text-sm text-fg-muted">{t("subtitle", { role: tr(preview.role), email: preview.email })}</p>
              <AcceptInvitationForm needsCrm={preview.role === "doctor"} action={acceptInvitationAction.bind(null, token)} />
            </>
          ) : (
            <Alert tone="danger" title={t("invalidTitle")}>{t("invalid")}</Alert>
          )}
        </div>
        <LanguageSwitcher className="justify-center" />
      </div>
    </main>
  );
}
