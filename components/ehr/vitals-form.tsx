"use client";

// VitalsForm — records one set of vital signs for a patient.
//
// Props contract (for the chart page and the patient page alike):
//   patientId        the patient's id (required).
//   medicalRecordId  the encounter the measures belong to, or null/undefined for none.
//   record           a server action `(patientId, input) => Promise<ActionResult<{ id }>>`; pass
//                    `recordVitalSignsAction` from app/t/[tenant]/(staff)/patients/clinical-actions.ts.
//                    `input` is `{ measuredAt?, medicalRecordId?, confirmImplausible?, <VitalField>: string }`
//                    as lib/ehr/vitals/mutations.ts reads it.
//   onSaved          optional callback after a successful save (the form also calls router.refresh()).
//   idPrefix         optional prefix for the inputs' ids when two forms share a page.
//
// Values outside the plausible range are never saved silently nor dropped: the form shows them
// and asks for an explicit confirmation of each before sending them with `confirmImplausible`.

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/action-result";
import { checkVitals, computeBmi, toNumber, VITAL_FIELDS, VITAL_MEASURES, type VitalField, type VitalIssue } from "@/lib/ehr/vitals/schemas";

export type VitalsFormProps = {
  patientId: string;
  medicalRecordId?: string | null;
  record: (patientId: string, input: unknown) => Promise<ActionResult<{ id: string }>>;
  onSaved?: () => void;
  idPrefix?: string;
};

type Texts = Record<VitalField, string>;
const EMPTY = Object.fromEntries(VITAL_FIELDS.map((f) => [f, ""])) as Texts;
const LAYOUT: VitalField[][] = [
  ["systolicMmhg", "diastolicMmhg", "heartRateBpm", "respiratoryRate"],
  ["temperatureC", "spo2Percent", "glucoseMgdl", "painScore"],
  ["weightKg", "heightCm", "headCircumferenceCm"],
];

export function VitalsForm({ patientId, medicalRecordId, record, onSaved, idPrefix = "vitals" }: VitalsFormProps) {
  const t = useTranslations("ehrVitals");
  const router = useRouter();
  const [texts, setTexts] = useState<Texts>(EMPTY);
  const [measuredAt, setMeasuredAt] = useState("");
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [pending, setPending] = useState<VitalField[]>([]);
  const [confirmed, setConfirmed] = useState<Partial<Record<VitalField, string>>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const bmi = useMemo(() => computeBmi(toNumber(texts.weightKg), toNumber(texts.heightCm)), [texts.weightKg, texts.heightCm]);
  const message = (i: VitalIssue) => t(`errors.${i.code}`, i.params as Record<string, number | string>);
  // A confirmation holds for the value that was confirmed, not for whatever is typed later.
  const confirmedNow = VITAL_FIELDS.filter((f) => confirmed[f] !== undefined && confirmed[f] === texts[f]);

  const set = (field: VitalField, value: string) => {
    setTexts((old) => ({ ...old, [field]: value }));
    setErrors((old) => ({ ...old, [field]: undefined }));
  };

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    setStatus(null);
    const check = checkVitals(texts, confirmedNow);
    if (check.errors.length > 0) {
      setErrors(Object.fromEntries(check.errors.map((i) => [i.field, message(i)])));
      setStatus({ ok: false, text: t("form.review") });
      return;
    }
    if (check.unconfirmed.length > 0) { setPending(check.unconfirmed.map((i) => i.field as VitalField)); return; }
    setBusy(true);
    const result = await record(patientId, { ...texts, measuredAt: measuredAt || undefined, medicalRecordId: medicalRecordId ?? undefined, confirmImplausible: confirmedNow });
    setBusy(false);
    if (result.ok) {
      setTexts(EMPTY); setMeasuredAt(""); setConfirmed({}); setPending([]); setErrors({});
      setStatus({ ok: true, text: t("form.saved") });
      onSaved?.();
      router.refresh();
    } else if (result.code === "unprocessable") {
      setPending(Object.keys(result.fields ?? {}).filter((f): f is VitalField => (VITAL_FIELDS as readonly string[]).includes(f)));
    } else {
      setErrors(Object.fromEntries(Object.entries(result.fields ?? {}).map(([f, m]) => [f, m[0]])));
      setStatus({ ok: false, text: result.message });
    }
  }

  const allConfirmed = pending.length > 0 && pending.every((f) => confirmed[f] === texts[f]);

  return (
    <form onSubmit={submit} noValidate aria-label={t("form.title")} className="space-y-4">
      {status && <Alert tone={status.ok ? "success" : "danger"}>{status.text}</Alert>}
      {errors._ && <Alert tone="danger">{errors._}</Alert>}
      <FormField id={`${idPrefix}-measuredAt`} label={t("form.measuredAt")} hint={t("form.measuredAtHint")} error={errors.measuredAt} className="max-w-xs">
        {(f) => <Input {...f} type="datetime-local" value={measuredAt} onChange={(e) => setMeasuredAt(e.target.value)} />}
      </FormField>
      {LAYOUT.map((row, i) => (
        <div key={i} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {row.map((field) => (
            <FormField key={field} id={`${idPrefix}-${field}`} label={`${t(`measures.${field}`)} (${VITAL_MEASURES[field].unit})`}
              error={errors[field]} hint={field === "headCircumferenceCm" ? t("form.headCircumferenceHint") : undefined}>
              {(f) => (
                <Input {...f} inputMode="decimal" autoComplete="off" value={texts[field]}
                  onChange={(e) => { set(field, e.target.value); setPending((p) => p.filter((x) => x !== field)); }} />
              )}
            </FormField>
          ))}
          {i === LAYOUT.length - 1 && (
            <p className="self-end pb-2 text-sm text-fg-muted" aria-live="polite">{bmi !== null ? t("form.bmi", { bmi: bmi.toLocaleString("pt-BR") }) : ""}</p>
          )}
        </div>
      ))}
      {pending.length > 0 && (
        <div role="alertdialog" aria-labelledby={`${idPrefix}-confirm-title`} className="space-y-3 rounded-md border border-warning-border bg-warning-bg p-4">
          <p id={`${idPrefix}-confirm-title`} className="font-semibold">{t("form.confirmTitle")}</p>
          <p className="text-sm">{t("form.confirmIntro")}</p>
          {pending.map((field) => {
            const { plausible, unit } = VITAL_MEASURES[field];
            return (
              <label key={field} className="flex items-start gap-2 text-sm">
                <input type="checkbox" className="mt-1" checked={confirmed[field] === texts[field]}
                  onChange={(e) => setConfirmed((c) => ({ ...c, [field]: e.target.checked ? texts[field] : undefined }))} />
                <span>
                  {t("form.confirmField", { measure: t(`measures.${field}`), value: texts[field], unit })}{" "}
                  <span className="text-fg-muted">({message({ field, code: "implausible", params: { min: plausible[0], max: plausible[1], unit } })})</span>
                </span>
              </label>
            );
          })}
          <Button type="button" disabled={!allConfirmed || busy} loading={busy} onClick={() => void submit()}>{t("form.confirmAndSave")}</Button>
        </div>
      )}
      <Button type="submit" loading={busy} disabled={busy}>{t("form.submit")}</Button>
    </form>
  );
}
