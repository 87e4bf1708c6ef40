"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/control-classes";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/action-result";
import { SECTION_KEYS, type Sections } from "@/lib/ehr/records/schemas";
import type { TemplateView } from "@/lib/ehr/records/template-schemas";

type Props = { template: TemplateView | null; save: (id: string | null, input: unknown) => Promise<ActionResult<{ id: string }>> };

/** One template: name, specialty, active, and the starting text of each section. */
export function TemplateForm({ template, save }: Props) {
  const t = useTranslations("records");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [name, setName] = useState(template?.name ?? "");
  const [specialty, setSpecialty] = useState(template?.specialty ?? "");
  const [active, setActive] = useState(template?.active ?? true);
  const [sections, setSections] = useState<Sections>(template?.sections ?? {});
  const [result, setResult] = useState<ActionResult<{ id: string }> | null>(null);
  const submit = () => start(async () => {
    const r = await save(template?.id ?? null, { name, specialty, active, sections });
    setResult(r);
    if (r.ok) { if (!template) { setName(""); setSpecialty(""); setSections({}); } router.refresh(); }
  });
  const fieldError = (k: string) => (result && !result.ok ? result.fields?.[k]?.[0] : undefined);
  return (
    <form className="space-y-3" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      {result && !result.ok && <Alert tone="danger">{result.message}</Alert>}
      {result?.ok && <Alert tone="success">{t("templates.saved")}</Alert>}
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField label={t("templates.name")} required error={fieldError("name")}>
          {(f) => <Input {...f} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />}
        </FormField>
        <FormField label={t("templates.specialty")} error={fieldError("specialty")}>
          {(f) => <Input {...f} value={specialty} maxLength={80} onChange={(e) => setSpecialty(e.target.value)} />}
        </FormField>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> {t("templates.active")}
      </label>
      {SECTION_KEYS.map((key) => (
        <div key={key} className="space-y-1">
          <label htmlFor={`${template?.id ?? "new"}-${key}`} className="text-sm font-medium">{t(`sections.${key}`)}</label>
          <textarea id={`${template?.id ?? "new"}-${key}`} rows={2} className={controlClasses("py-2")} value={sections[key] ?? ""}
            onChange={(e) => setSections({ ...sections, [key]: e.target.value })} />
        </div>
      ))}
      <Button type="submit" loading={pending}>{t("templates.save")}</Button>
    </form>
  );
}
