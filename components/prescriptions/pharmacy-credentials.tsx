"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/action-result";
import { applyMask } from "@/components/ui/masked";

// Issuing a pharmacy credential (its token is shown here once, then never again) and revoking one.

type IssueAction = (input: unknown) => Promise<ActionResult<{ token: string; pharmacyName: string }>>;

export function IssueCredentialForm({ action }: { action: IssueAction }) {
  const t = useTranslations("prescriptions.pharmacies");
  const router = useRouter();
  const [pharmacyName, setName] = useState("");
  const [cnpj, setCnpj] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ token: string; pharmacyName: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await action({ pharmacyName, cnpj });
    setBusy(false);
    if (!result.ok) { setErrors(result.fields ?? {}); setFailure(result.message); return; }
    setErrors({}); setFailure(null); setName(""); setCnpj("");
    setIssued({ token: result.token, pharmacyName: result.pharmacyName });
    router.refresh();
  }

  return (
    <div className="space-y-4">
      {issued && (
        <Alert tone="success" title={t("issued")}>
          <p>{t("tokenOnce")}</p>
          <label className="mt-2 block text-sm font-medium" htmlFor="pharmacy-token">{t("tokenLabel", { name: issued.pharmacyName })}</label>
          <input id="pharmacy-token" readOnly value={issued.token} className="mt-1 w-full rounded border border-border bg-surface p-2 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        </Alert>
      )}
      {failure && <Alert tone="danger">{failure}</Alert>}
      <form onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-[1fr_16rem_auto] sm:items-start">
        <FormField id="pharmacy-name" label={t("name")} error={errors.pharmacyName?.[0]} required>
          {(f) => <Input {...f} value={pharmacyName} maxLength={200} onChange={(e) => setName(e.target.value)} />}
        </FormField>
        <FormField id="pharmacy-cnpj" label={t("cnpj")} error={errors.cnpj?.[0]} required>
          {(f) => <Input {...f} value={cnpj} maxLength={18} inputMode="text" onChange={(e) => { applyMask("cnpj", e.currentTarget); setCnpj(e.currentTarget.value); }} />}
        </FormField>
        <Button type="submit" className="sm:mt-7" loading={busy}>{t("issue")}</Button>
      </form>
    </div>
  );
}

export function RevokeCredentialButton({ id, name, action }: { id: string; name: string; action: (id: unknown) => Promise<ActionResult<{ id: string }>> }) {
  const t = useTranslations("prescriptions.pharmacies");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <span className="flex items-center gap-2">
      <Button size="sm" variant="ghost" aria-label={t("revokeOf", { name })} loading={busy} onClick={async () => {
        setBusy(true);
        const result = await action(id);
        setBusy(false);
        if (result.ok) router.refresh(); else setFailure(result.message);
      }}>{t("revoke")}</Button>
      {failure && <span role="alert" className="text-sm text-danger-fg">{failure}</span>}
    </span>
  );
}
