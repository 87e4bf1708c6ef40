"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { AllergyCodePicker, type AllergyCode } from "@/components/prescriptions/allergy-code-picker";
import type { CatalogueSearchAction } from "@/components/prescriptions/use-catalogue-search";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/action-result";
import type { IngredientHit } from "@/lib/prescriptions/catalogue/schemas";

type Props = {
  save: (input: unknown) => Promise<ActionResult<{ id: string }>>;
  searchIngredients: CatalogueSearchAction<IngredientHit>;
};

/** A new clinic item: name, presentation, and the catalogue ingredient the safety check follows. */
export function ClinicMedicationForm({ save, searchIngredients }: Props) {
  const t = useTranslations("prescriptionCatalogue.admin");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [name, setName] = useState("");
  const [presentation, setPresentation] = useState("");
  const [ingredient, setIngredient] = useState<AllergyCode | null>(null);
  const [result, setResult] = useState<ActionResult<{ id: string }> | null>(null);
  const submit = () => start(async () => {
    const r = await save({ name, presentation, ingredientId: ingredient?.ingredientId ?? null });
    setResult(r);
    if (r.ok) { setName(""); setPresentation(""); setIngredient(null); router.refresh(); }
  });
  const fieldError = (k: string) => (result && !result.ok ? result.fields?.[k]?.[0] : undefined);
  return (
    <form className="space-y-3" onSubmit={(e) => { e.preventDefault(); submit(); }} aria-label={t("new")}>
      {result && !result.ok && <Alert tone="danger">{result.message}</Alert>}
      {result?.ok && <Alert tone="success">{t("added")}</Alert>}
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id="clinic-medication-name" label={t("name")} required error={fieldError("name")}>
          {(f) => <Input {...f} value={name} maxLength={300} onChange={(e) => setName(e.target.value)} />}
        </FormField>
        <FormField id="clinic-medication-presentation" label={t("presentation")} error={fieldError("presentation")}>
          {(f) => <Input {...f} value={presentation} maxLength={200} onChange={(e) => setPresentation(e.target.value)} />}
        </FormField>
      </div>
      <AllergyCodePicker id="clinic-medication-ingredient" classes={false} label={t("ingredient")}
        value={ingredient} onChange={setIngredient} searchAction={searchIngredients} />
      {fieldError("ingredientId") && <p className="text-sm text-danger-fg">{fieldError("ingredientId")}</p>}
      <Button type="submit" loading={pending}>{t("add")}</Button>
    </form>
  );
}
