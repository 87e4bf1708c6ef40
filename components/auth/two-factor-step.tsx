"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { TWO_FACTOR_REPLAY_ERROR, type TwoFactorPrompt } from "@/lib/auth/two-factor-protocol";

export type ResendCode = (input: { challenge: string }) => Promise<{ ok: true; destination: string } | { ok: false; message: string }>;

/**
 * Step 2 of sign-in: the password was right and the account has a second factor. The signed
 * challenge from step 1 goes back with the code; a wrong code can be retried until the
 * challenge expires (5 min) or the account locks, since each failure counts toward lockout.
 * For codes by e-mail or SMS the code was sent by step 1; "resend" asks for a new one.
 */
export function TwoFactorStep({ prompt, afterSignIn, onBack, resendCode }: {
  prompt: TwoFactorPrompt; afterSignIn: string; onBack: () => void; resendCode?: ResendCode;
}) {
  const t = useTranslations("twoFactor");
  const ts = useTranslations("secondFactor");
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sent = prompt.method !== "totp";

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!code.trim()) return setError(t("codeRequired"));
    setBusy(true);
    setError(null);
    setInfo(null);
    const result = await signIn("credentials", { challenge: prompt.challenge, code: code.trim(), redirect: false });
    if (!result || result.error) {
      setBusy(false);
      setCode("");
      return setError(result?.error === TWO_FACTOR_REPLAY_ERROR ? ts("codeReplayed") : t("codeInvalid"));
    }
    window.location.assign(afterSignIn);
  }

  async function resend() {
    if (!resendCode) return;
    setBusy(true);
    setError(null);
    const result = await resendCode({ challenge: prompt.challenge });
    setBusy(false);
    if (!result.ok) return setError(result.message);
    setInfo(ts("codeResent", { destination: result.destination }));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title" className="text-lg font-semibold">{t("codeTitle")}</h2>
      <p className="text-sm">
        {prompt.method === "totp" ? t("codePrompt") : ts(prompt.method === "email" ? "codeSentEmail" : "codeSentSms", { destination: prompt.destination ?? "" })}
      </p>
      {error && <Alert tone="danger">{error}</Alert>}
      {info && <Alert tone="info">{info}</Alert>}
      <FormField label={t("codeLabel")} hint={t("codeHint")} required>
        {(field) => (
          <Input {...field} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" inputMode="text" autoFocus maxLength={64} />
        )}
      </FormField>
      <Button type="submit" className="w-full" loading={busy}>
        {busy ? t("verifying") : t("verify")}
      </Button>
      {sent && resendCode && (
        <Button type="button" variant="secondary" className="w-full" onClick={() => void resend()} disabled={busy}>
          {ts("resend")}
        </Button>
      )}
      <Button type="button" variant="ghost" className="w-full" onClick={onBack}>
        {t("back")}
      </Button>
    </form>
  );
}
