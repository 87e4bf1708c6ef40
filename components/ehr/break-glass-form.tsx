"use client";

// "Acesso de emergência": shown on /patients/{id} to a user whose role does not read charts but
// who may break glass. The button reveals a justification form; a successful opening refreshes
// the page, which then shows the timeline under the grant.

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { controlClasses } from "@/components/ui/control-classes";
import type { ActionResult } from "@/lib/action-result";

type Props = {
  patientId: string;
  open: (patientId: string, input: unknown) => Promise<ActionResult<{ expiresAt: string }>>;
};

const MIN = 20;
const MAX = 1000;

export function BreakGlassForm({ patientId, open }: Props) {
  const t = useTranslations("ehrAccess");
  const router = useRouter();
  const id = useId();
  const [shown, setShown] = useState(false);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed.length < MIN) { setError(t("breakGlass.justificationShort")); return; }
    if (trimmed.length > MAX) { setError(t("breakGlass.justificationLong")); return; }
    setBusy(true);
    const result = await open(patientId, { justification: trimmed });
    setBusy(false);
    if (result.ok) { router.refresh(); return; }
    setError(result.fields?.justification?.[0]);
    if (!result.fields) setFailure(result.message);
  }

  if (!shown) return <Button variant="danger" onClick={() => setShown(true)}>{t("denied.breakGlass")}</Button>;
  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`} className="space-y-3">
      <h3 id={`${id}-title`} className="font-semibold">{t("breakGlass.title")}</h3>
      <p className="text-sm">{t("breakGlass.intro")}</p>
      {failure && <Alert tone="danger">{failure}</Alert>}
      <FormField id={`${id}-justification`} label={t("breakGlass.justification")} hint={t("breakGlass.justificationHint")} error={error} required>
        {(f) => <textarea {...f} rows={4} maxLength={MAX} value={text} onChange={(e) => { setText(e.target.value); setError(undefined); }} className={controlClasses("py-2")} />}
      </FormField>
      <div className="flex gap-2">
        <Button type="submit" variant="danger" loading={busy}>{t("breakGlass.submit")}</Button>
        <Button variant="ghost" onClick={() => { setShown(false); setText(""); setError(undefined); }}>{t("breakGlass.cancel")}</Button>
      </div>
    </form>
  );
}
