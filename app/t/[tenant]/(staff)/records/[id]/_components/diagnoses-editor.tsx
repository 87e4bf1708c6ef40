"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { diagnosisInputSchema, type DiagnosisInput, type DiagnosisView } from "@/lib/ehr/records/schemas";

// The record's CID-10 list: main vs secondary, suspected vs confirmed, in order. Until the CID-10
// picker (components/ehr/cid10-picker, branch ehr-signing) is merged, codes are typed and the
// server checks them against the official table on save (an unknown code is a save error).

type Props = { value: DiagnosisInput[]; known: DiagnosisView[]; disabled: boolean; onChange: (next: DiagnosisInput[]) => void };

export function DiagnosesEditor({ value, known, disabled, onChange }: Props) {
  const t = useTranslations("records.diagnosis");
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | undefined>();
  const describe = (c: string) => known.find((k) => k.code === c)?.description;
  const add = () => {
    const parsed = diagnosisInputSchema.safeParse({ code, isMain: value.length === 0 });
    if (!parsed.success) { setError(t("invalid")); return; }
    if (!value.some((d) => d.code === parsed.data.code)) onChange([...value, parsed.data]);
    setCode(""); setError(undefined);
  };
  const set = (i: number, patch: Partial<DiagnosisInput>) =>
    onChange(value.map((d, j) => (j === i ? { ...d, ...patch } : patch.isMain ? { ...d, isMain: false } : d)));
  return (
    <div className="space-y-3">
      {value.length === 0 ? <p className="text-sm text-fg-muted">{t("none")}</p> : (
        <ul className="space-y-2" aria-label={t("code")}>
          {value.map((d, i) => (
            <li key={d.code} className="flex flex-wrap items-center gap-2 rounded-md border border-border p-2 text-sm">
              <span className="font-mono font-semibold">{d.code}</span>
              <span className="min-w-40 flex-1">{describe(d.code) ?? ""}</span>
              <label className="flex items-center gap-1">
                <input type="radio" name="main-diagnosis" checked={!!d.isMain} disabled={disabled} onChange={() => set(i, { isMain: true })} />
                {t("main")}
              </label>
              <Select aria-label={`${t("certainty")} ${d.code}`} disabled={disabled} value={d.certainty ?? "CONFIRMED"}
                options={[{ value: "CONFIRMED", label: t("CONFIRMED") }, { value: "SUSPECTED", label: t("SUSPECTED") }]}
                onChange={(e) => set(i, { certainty: e.target.value as "SUSPECTED" | "CONFIRMED" })} className="w-36" />
              {!disabled && <Button variant="ghost" size="sm" onClick={() => onChange(value.filter((_, j) => j !== i))}>{t("remove", { code: d.code })}</Button>}
            </li>
          ))}
        </ul>
      )}
      {!disabled && (
        <div className="flex items-end gap-2">
          {/* Slot for the CID-10 picker (search by code or words) once merged. */}
          <FormField label={t("code")} error={error} className="w-48">
            {(f) => <Input {...f} value={code} maxLength={6} onChange={(e) => setCode(e.target.value)}
              onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); add(); } }} />}
          </FormField>
          <Button variant="secondary" onClick={add}>{t("add")}</Button>
        </div>
      )}
    </div>
  );
}
