"use client";

import { signOut } from "next-auth/react";
import { clearAllLocalDrafts } from "../ehr/draft-store";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { SecondFactorMethod } from "@/lib/auth/two-factor-protocol";
import { OtpEnrolmentForm, type OtpEnrolmentActions } from "./otp-enrolment-form";
import { RecoveryCodesCard } from "./recovery-codes-card";

type Failure = { ok: false; message: string };
export type TwoFactorActions = {
  start: () => Promise<{ ok: true; secret: string; qrDataUrl: string } | Failure>;
  confirm: (input: { code: string }) => Promise<{ ok: true; recoveryCodes: string[]; invalid: boolean } | Failure>;
  disable: (input: { currentPassword: string }) => Promise<{ ok: true; invalid: boolean } | Failure>;
  startOtp: OtpEnrolmentActions["start"];
  confirmOtp: OtpEnrolmentActions["confirm"];
};

export type TwoFactorSettingsStatus = { enabled: boolean; method: SecondFactorMethod | null; recoveryCodesLeft: number; phone: string | null };

type Choice = "totp" | "EMAIL" | "SMS" | null;
type Enrolment = { secret: string; qrDataUrl: string };

/**
 * Choose a method (authenticator app, or codes by e-mail or SMS), enrol it, see the recovery
 * codes exactly once; or disable with the current password. Disabling ends every session, this
 * one too, so it signs out. `onEnabled` says where to go after the codes (default: refresh).
 */
export function TwoFactorSettings({ status, actions, afterEnabled, messageCodes = true }: {
  status: TwoFactorSettingsStatus; actions: TwoFactorActions; afterEnabled?: string;
  /** False on the platform: super admins may use an authenticator app only. */
  messageCodes?: boolean;
}) {
  const t = useTranslations("twoFactor");
  const ts = useTranslations("secondFactor");
  const ta = useTranslations("auth");
  const router = useRouter();
  const [choice, setChoice] = useState<Choice>(null);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run<T extends { ok: boolean }>(call: () => Promise<T | Failure>, then: (r: T) => void) {
    setBusy(true);
    setError(null);
    const result = await call();
    setBusy(false);
    if (!result.ok) return setError((result as Failure).message);
    then(result as T);
  }

  const done = () => {
    setCodes(null);
    if (afterEnabled) window.location.assign(afterEnabled);
    else router.refresh();
  };
  const startTotp = () => { setChoice("totp"); void run(actions.start, (r) => setEnrolment({ secret: r.secret, qrDataUrl: r.qrDataUrl })); };
  const confirm = (e: FormEvent) => {
    e.preventDefault();
    void run(() => actions.confirm({ code: value }), (r) => {
      if (r.invalid) return setError(t("codeRequired"));
      setValue("");
      setEnrolment(null);
      // No recovery codes exist for platform accounts: nothing to show once.
      if (r.recoveryCodes.length === 0) done();
      else setCodes(r.recoveryCodes);
    });
  };
  const disable = (e: FormEvent) => {
    e.preventDefault();
    void run(() => actions.disable({ currentPassword: value }), (r) => {
      if (r.invalid) return setError(ta("passwordRequired"));
      clearAllLocalDrafts();
      void signOut({ callbackUrl: "/login" });
    });
  };
  const cancel = () => { setChoice(null); setEnrolment(null); setError(null); };

  if (codes) return <RecoveryCodesCard codes={codes} onDone={done} />;

  const methodLabel = status.method === "email" ? ts("methodEmail") : status.method === "sms" ? ts("methodSms") : ts("methodTotp");
  return (
    <Card>
      <CardHeader title={t("codeTitle")} description={status.enabled ? t("statusOn") : t("statusOff")} />
      <CardBody className="space-y-4">
        {error && <Alert tone="danger">{error}</Alert>}
        {status.enabled && (
          <form onSubmit={disable} className="space-y-4" aria-label={t("disableTitle")}>
            <p className="text-sm">{ts("currentMethod", { method: methodLabel })}</p>
            {messageCodes && <p className="text-sm">{t("recoveryLeft", { count: status.recoveryCodesLeft })}</p>}
            <FormField label={t("currentPassword")} required>
              {(field) => <Input {...field} type="password" autoComplete="current-password" value={value} onChange={(e) => setValue(e.target.value)} />}
            </FormField>
            <Button type="submit" variant="danger" loading={busy}>{t("disable")}</Button>
          </form>
        )}
        {!status.enabled && choice === null && (
          <div className="space-y-3">
            <p className="text-sm">{ts("chooseMethod")}</p>
            <div className="flex flex-wrap gap-2">
              <Button type="button" onClick={startTotp} loading={busy}>{ts("useTotp")}</Button>
              {messageCodes && <Button type="button" variant="secondary" onClick={() => setChoice("EMAIL")}>{ts("useEmail")}</Button>}
              {messageCodes && <Button type="button" variant="secondary" onClick={() => setChoice("SMS")}>{ts("useSms")}</Button>}
            </div>
            {messageCodes && <p className="text-xs text-fg-muted">{ts("methodAdvice")}</p>}
          </div>
        )}
        {!status.enabled && (choice === "EMAIL" || choice === "SMS") && (
          <OtpEnrolmentForm
            channel={choice} defaultPhone={status.phone ?? ""} onEnabled={setCodes} onCancel={cancel}
            actions={{ start: actions.startOtp, confirm: actions.confirmOtp }}
          />
        )}
        {!status.enabled && choice === "totp" && enrolment && (
          <form onSubmit={confirm} className="space-y-4">
            <p className="text-sm">{t("scanQr")}</p>
            {/* A data: URL made on the server; next/image adds nothing for it. */}
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={enrolment.qrDataUrl} alt={t("qrAlt")} width={220} height={220} />
            <p className="text-sm">
              {t("manualKey")}: <code data-testid="totp-secret" className="font-mono break-all">{enrolment.secret}</code>
            </p>
            <FormField label={t("codeLabel")} required>
              {(field) => <Input {...field} value={value} onChange={(e) => setValue(e.target.value)} autoComplete="one-time-code" inputMode="numeric" maxLength={6} />}
            </FormField>
            <div className="flex gap-2">
              <Button type="submit" loading={busy}>{t("confirm")}</Button>
              <Button type="button" variant="ghost" onClick={cancel}>{t("back")}</Button>
            </div>
          </form>
        )}
      </CardBody>
    </Card>
  );
}
