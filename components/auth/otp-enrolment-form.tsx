"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

type Failure = { ok: false; message: string };
type Channel = "EMAIL" | "SMS";
type Target = { channel: "EMAIL" } | { channel: "SMS"; phone: string };
export type OtpEnrolmentActions = {
  start: (input: Target) => Promise<{ ok: true; destination: string; invalid: string | null } | Failure>;
  confirm: (input: Target & { code: string }) => Promise<{ ok: true; recoveryCodes: string[]; invalid: string | null } | Failure>;
};

/**
 * Codes by e-mail or SMS: (phone →) a code is sent → typed back → on. The phone typed for SMS
 * travels with the confirmation, since the code was sent to (and is bound to) that number.
 */
export function OtpEnrolmentForm({ channel, defaultPhone, actions, onEnabled, onCancel }: {
  channel: Channel; defaultPhone: string; actions: OtpEnrolmentActions; onEnabled: (codes: string[]) => void; onCancel: () => void;
}) {
  const t = useTranslations("twoFactor");
  const ts = useTranslations("secondFactor");
  const [phone, setPhone] = useState(defaultPhone);
  const [destination, setDestination] = useState<string | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const target = (): Target => (channel === "EMAIL" ? { channel } : { channel, phone });

  async function send(event?: FormEvent) {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    const r = await actions.start(target());
    setBusy(false);
    if (!r.ok) return setError(r.message);
    if (r.invalid) return setError(r.invalid);
    setDestination(r.destination);
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (!code.trim()) return setError(t("codeRequired"));
    setBusy(true);
    setError(null);
    const r = await actions.confirm({ ...target(), code: code.trim() });
    setBusy(false);
    if (!r.ok) return setError(r.message);
    if (r.invalid) return setError(r.invalid);
    onEnabled(r.recoveryCodes);
  }

  if (!destination) {
    return (
      <form onSubmit={send} className="space-y-4" aria-label={ts(channel === "EMAIL" ? "methodEmail" : "methodSms")}>
        {error && <Alert tone="danger">{error}</Alert>}
        <p className="text-sm">{ts(channel === "EMAIL" ? "emailIntro" : "smsIntro")}</p>
        {channel === "SMS" && (
          <FormField label={ts("phoneLabel")} hint={ts("phoneHint")} required>
            {(field) => <Input {...field} type="tel" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />}
          </FormField>
        )}
        <div className="flex gap-2">
          <Button type="submit" loading={busy}>{ts("sendCode")}</Button>
          <Button type="button" variant="ghost" onClick={onCancel}>{t("back")}</Button>
        </div>
      </form>
    );
  }
  return (
    <form onSubmit={confirm} className="space-y-4" aria-label={ts(channel === "EMAIL" ? "methodEmail" : "methodSms")}>
      {error && <Alert tone="danger">{error}</Alert>}
      <p className="text-sm">{ts(channel === "EMAIL" ? "codeSentEmail" : "codeSentSms", { destination })}</p>
      <FormField label={t("codeLabel")} required>
        {(field) => <Input {...field} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" inputMode="numeric" maxLength={6} />}
      </FormField>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" loading={busy}>{t("confirm")}</Button>
        <Button type="button" variant="secondary" onClick={() => void send()} disabled={busy}>{ts("resend")}</Button>
        <Button type="button" variant="ghost" onClick={onCancel}>{t("back")}</Button>
      </div>
    </form>
  );
}
