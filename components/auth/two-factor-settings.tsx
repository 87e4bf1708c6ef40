"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

type Failure = { ok: false; message: string };
export type TwoFactorActions = {
  start: () => Promise<{ ok: true; secret: string; qrDataUrl: string } | Failure>;
  confirm: (input: { code: string }) => Promise<{ ok: true; recoveryCodes: string[]; invalid: boolean } | Failure>;
  disable: (input: { currentPassword: string }) => Promise<{ ok: true; invalid: boolean } | Failure>;
};

type Enrolment = { secret: string; qrDataUrl: string };

/**
 * Enrol (QR + manual key + first code), show the recovery codes exactly once, or disable with
 * the current password. Disabling ends every session, this one too, so it signs out.
 */
export function TwoFactorSettings({ status, actions }: { status: { enabled: boolean; recoveryCodesLeft: number }; actions: TwoFactorActions }) {
  const t = useTranslations("twoFactor");
  const ta = useTranslations("auth");
  const router = useRouter();
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

  const start = () => run(actions.start, (r) => setEnrolment({ secret: r.secret, qrDataUrl: r.qrDataUrl }));
  const confirm = (e: FormEvent) => {
    e.preventDefault();
    void run(() => actions.confirm({ code: value }), (r) => {
      if (r.invalid) return setError(t("codeRequired"));
      setValue("");
      setEnrolment(null);
      setCodes(r.recoveryCodes);
    });
  };
  const disable = (e: FormEvent) => {
    e.preventDefault();
    void run(() => actions.disable({ currentPassword: value }), (r) => {
      if (r.invalid) return setError(ta("passwordRequired"));
      void signOut({ callbackUrl: "/login" });
    });
  };

  if (codes) {
    return (
      <Card>
        <CardHeader title={t("recoveryTitle")} />
        <CardBody className="space-y-4">
          <Alert tone="success">{t("enabled")}</Alert>
          <p className="text-sm">{t("recoveryIntro")}</p>
          <ul aria-label={t("recoveryTitle")} className="grid grid-cols-2 gap-2 font-mono text-sm">
            {codes.map((c) => <li key={c}>{c}</li>)}
          </ul>
          <Button type="button" onClick={() => { setCodes(null); router.refresh(); }}>{t("recoveryDone")}</Button>
        </CardBody>
      </Card>
    );
  }

  return (
    <Card>
      <CardHeader title={t("codeTitle")} description={status.enabled ? t("statusOn") : t("statusOff")} />
      <CardBody className="space-y-4">
        {error && <Alert tone="danger">{error}</Alert>}
        {status.enabled && (
          <form onSubmit={disable} className="space-y-4" aria-label={t("disableTitle")}>
            <p className="text-sm">{t("recoveryLeft", { count: status.recoveryCodesLeft })}</p>
            <FormField label={t("currentPassword")} required>
              {(field) => <Input {...field} type="password" autoComplete="current-password" value={value} onChange={(e) => setValue(e.target.value)} />}
            </FormField>
            <Button type="submit" variant="danger" loading={busy}>{t("disable")}</Button>
          </form>
        )}
        {!status.enabled && !enrolment && <Button type="button" onClick={() => void start()} loading={busy}>{t("enable")}</Button>}
        {!status.enabled && enrolment && (
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
            <Button type="submit" loading={busy}>{t("confirm")}</Button>
          </form>
        )}
      </CardBody>
    </Card>
  );
}
