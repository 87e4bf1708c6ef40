"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { ActionResult } from "@/lib/action-result";

type Props = {
  appointmentId?: string; patientId?: string; mode: "start" | "open" | "walkIn";
  templates?: { id: string; name: string }[];
  open: (input: unknown) => Promise<ActionResult<{ id: string }>>;
};

/**
 * "Iniciar atendimento": moves the appointment to in progress and opens its chart (created the
 * first time, with the template picked here); "Abrir prontuário" opens the existing one.
 */
export function StartEncounterButton({ appointmentId, patientId, mode, templates = [], open }: Props) {
  const t = useTranslations("records.start");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [templateId, setTemplateId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const go = () => start(async () => {
    setError(null);
    const r = await open({ appointmentId, patientId, templateId: templateId || undefined });
    if (r.ok) router.push(`/records/${r.id}`); else setError(r.message);
  });
  return (
    <div className="space-y-2">
      {error && <Alert tone="danger">{error}</Alert>}
      <div className="flex flex-wrap items-center gap-2">
        {mode !== "open" && templates.length > 0 && (
          <Select aria-label={t("template")} value={templateId} onChange={(e) => setTemplateId(e.target.value)} className="w-48"
            options={[{ value: "", label: t("noTemplate") }, ...templates.map((x) => ({ value: x.id, label: x.name }))]} />
        )}
        <Button loading={pending} variant={mode === "open" ? "secondary" : "primary"} onClick={go}>{t(mode)}</Button>
      </div>
    </div>
  );
}
