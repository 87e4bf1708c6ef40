"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/action-result";

export type PatientHit = { id: string; name: string; detail: string };
export type SearchPatients = (q: string) => Promise<ActionResult<{ hits: PatientHit[] }>>;

/** Search by name or CPF (the registry's own search), then pick one result. */
export function PatientPicker({ search, value, onChange, error }: {
  search: SearchPatients; value: PatientHit | null; onChange: (p: PatientHit | null) => void; error?: string;
}) {
  const t = useTranslations("scheduling.booking");
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<PatientHit[] | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const run = () => start(async () => {
    const r = await search(q);
    setHits(r.ok ? r.hits : null);
    setRefusal(r.ok ? null : Object.values(r.fields ?? {}).flat()[0] ?? r.message);
  });
  if (value) {
    return (
      <div className="flex items-center justify-between rounded-md border border-border px-3 py-2">
        <div><p className="font-medium">{value.name}</p><p className="text-xs text-fg-muted">{value.detail}</p></div>
        <Button variant="ghost" size="sm" onClick={() => onChange(null)}>{t("changePatient")}</Button>
      </div>
    );
  }
  return (
    <div className="space-y-2">
      <div className="flex gap-2">
        <Input
          id="patient-search" type="search" value={q} aria-label={t("patientSearch")} placeholder={t("patientSearchHint")}
          aria-invalid={error ? true : undefined} aria-describedby={error ? "patient-error" : undefined}
          onChange={(e) => setQ(e.target.value)} onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); run(); } }}
        />
        <Button variant="secondary" onClick={run} loading={pending}>{t("searchPatient")}</Button>
      </div>
      {error && <p id="patient-error" className="text-sm font-medium text-danger-fg">{error}</p>}
      {refusal && <p role="alert" className="text-sm font-medium text-danger-fg">{refusal}</p>}
      {hits && hits.length === 0 && <p className="text-sm text-fg-muted">{t("noPatient")}</p>}
      {hits && hits.length > 0 && (
        <ul aria-label={t("patientResults")} className="divide-y divide-border rounded-md border border-border">
          {hits.map((h) => (
            <li key={h.id}>
              <button type="button" onClick={() => onChange(h)} className="w-full px-3 py-2 text-start hover:bg-surface-muted">
                <span className="font-medium">{h.name}</span>
                <span className="block text-xs text-fg-muted">{h.detail}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
