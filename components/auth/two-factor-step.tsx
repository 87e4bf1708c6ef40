"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

/**
 * Step 2 of sign-in: the password was right and the account has a second factor. The signed
 * challenge from step 1 goes back with the code; a wrong code can be retried until the
 * challenge expires (5 min) or the account locks, since each failure counts toward lockout.
 */
export function TwoFactorStep({ challenge, afterSignIn, onBack }: { challenge: string; afterSignIn: string; onBack: () => void }) {
  const t = useTranslations("twoFactor");
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!code.trim()) return setError(t("codeRequired"));
    setBusy(true);
    setError(null);
    const result = await signIn("credentials", { challenge, code: code.trim(), redirect: false });
    if (!result || result.error) {
      setBusy(false);
      setCode("");
      return setError(t("codeInvalid"));
    }
    window.location.assign(afterSignIn);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title" className="text-lg font-semibold">{t("codeTitle")}</h2>
      <p className="text-sm">{t("codePrompt")}</p>
      {error && <Alert tone="danger">{error}</Alert>}
      <FormField label={t("codeLabel")} hint={t("codeHint")} required>
        {(field) => (
          <Input {...field} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" inputMode="text" autoFocus maxLength={64} />
        )}
      </FormField>
      <Button type="submit" className="w-full" loading={busy}>
        {busy ? t("verifying") : t("verify")}
      </Button>
      <Button type="button" variant="ghost" className="w-full" onClick={onBack}>
        {t("back")}
      </Button>
    </form>
  );
}
