"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/control-classes";
import { FormField } from "@/components/ui/form-field";
import type { SafetyPreview } from "./types";

// One reason per blocking finding, in a modal <dialog> (focus kept inside, Esc closes). The
// reasons are sent with the sign request, sealed and audited there; never printed.

type Finding = SafetyPreview["findings"][number];

export function OverrideDialog({ findings, initial, onConfirm, onClose }: {
  findings: Finding[]; initial: Record<string, string>; onConfirm: (reasons: Record<string, string>) => void; onClose: () => void;
}) {
  const t = useTranslations("prescriptions");
  const ts = useTranslations("prescriptionSafety");
  const ref = useRef<HTMLDialogElement>(null);
  const [reasons, setReasons] = useState<Record<string, string>>(initial);
  useEffect(() => {
    const dialog = ref.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);
  const label = (f: Finding) => `${ts(`severity.${f.severity}`)} — ${ts(f.code as "findings.interaction", f.params as never)}`;
  return (
    <dialog ref={ref} onCancel={onClose} aria-labelledby="rx-override-title" className="w-full max-w-xl rounded-lg border border-border p-0 shadow-lg backdrop:bg-black/40">
      <div className="space-y-4 p-5">
        <h3 id="rx-override-title" className="text-base font-semibold">{t("editor.overrideTitle")}</h3>
        <p className="text-sm text-fg-muted">{t("editor.overrideHint")}</p>
        {findings.map((f, i) => (
          <FormField key={f.key} id={`rx-override-${i}`} label={t("editor.overrideReason", { alert: label(f) })} required>
            {(field) => (
              <textarea {...field} rows={3} maxLength={1000} value={reasons[f.key] ?? ""} className={controlClasses("py-2")}
                onChange={(e) => setReasons((old) => ({ ...old, [f.key]: e.target.value }))} />
            )}
          </FormField>
        ))}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>{t("editor.overrideClose")}</Button>
          <Button type="button" disabled={findings.some((f) => !reasons[f.key]?.trim())} onClick={() => onConfirm(reasons)}>{t("editor.overrideConfirm")}</Button>
        </div>
      </div>
    </dialog>
  );
}
