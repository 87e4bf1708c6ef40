"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { sexConflict, type DiagnosisCertainty, type DiagnosisDraft, type Sex } from "@/lib/ehr/cid10/schemas";

/** The chosen diagnoses: main or secondary, suspected or confirmed, removable, with the table's sex warning. */
export function Cid10DiagnosisList({ value, patientSex, disabled, onMakeMain, onCertainty, onRemove }: {
  value: DiagnosisDraft[];
  patientSex: Sex | null;
  disabled?: boolean;
  onMakeMain: (code: string) => void;
  onCertainty: (code: string, certainty: DiagnosisCertainty) => void;
  onRemove: (code: string) => void;
}) {
  const t = useTranslations("ehrCid10");
  if (value.length === 0) return <p className="text-sm text-fg-muted">{t("empty")}</p>;
  return (
    <ul aria-label={t("chosen")} className="divide-y divide-border rounded-md border border-border">
      {value.map((d) => {
        const conflict = sexConflict(d.sexRestriction, patientSex);
        const warningId = `cid10-sex-${d.code}`;
        return (
          <li key={d.code} className="space-y-2 px-3 py-2" aria-describedby={conflict ? warningId : undefined}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-mono text-sm font-semibold">{d.code}</span>
              <span className="flex-1 text-sm">{d.description}</span>
              <Badge tone={d.role === "main" ? "brand" : "neutral"}>{t(d.role)}</Badge>
            </div>
            <div className="flex flex-wrap items-center gap-3">
              <fieldset className="flex items-center gap-3 text-sm" disabled={disabled}>
                <legend className="sr-only">{t("certainty", { code: d.code })}</legend>
                {(["confirmed", "suspected"] as const).map((c) => (
                  <label key={c} className="inline-flex items-center gap-1">
                    <input type="radio" name={`cid10-certainty-${d.code}`} value={c} checked={d.certainty === c}
                      onChange={() => onCertainty(d.code, c)} />
                    {t(c)}
                  </label>
                ))}
              </fieldset>
              {d.role === "secondary" && (
                <Button variant="ghost" size="sm" disabled={disabled} onClick={() => onMakeMain(d.code)}>{t("makeMain")}</Button>
              )}
              <Button variant="ghost" size="sm" disabled={disabled} onClick={() => onRemove(d.code)} aria-label={t("remove", { code: d.code })}>
                ✕
              </Button>
            </div>
            {conflict && (
              <p id={warningId} className="rounded-md border border-warning-border bg-warning-bg px-2 py-1 text-sm text-warning-fg">
                {t("sexWarning", { code: d.code, sex: conflict })}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
