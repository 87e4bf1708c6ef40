"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { AllergyCodePicker, type AllergyCode } from "@/components/prescriptions/allergy-code-picker";
import type { CatalogueSearchAction } from "@/components/prescriptions/use-catalogue-search";
import type { IngredientHit } from "@/lib/prescriptions/catalogue/schemas";
import { ALLERGY_SEVERITIES, allergySchema, type AllergyInput } from "@/lib/patients/record-schemas";
import type { PatientAllergyDto } from "@/lib/patients/record-types";
import type { PatientAction, PatientActionResult } from "./types";

type Props = {
  patientId: string;
  allergies: PatientAllergyDto[];
  deniesAllergies: boolean;
  canEdit: boolean;
  add: PatientAction<[string, unknown]>;
  inactivate: PatientAction<[string, string]>;
  setDenies: PatientAction<[string, boolean]>;
  /** Ingredient search for the optional coding (searchIngredientsAction). */
  searchIngredients: CatalogueSearchAction<IngredientHit>;
};

const tone = { MILD: "info", MODERATE: "warning", SEVERE: "danger", LIFE_THREATENING: "danger" } as const;

export function AllergiesSection({ patientId, allergies, deniesAllergies, canEdit, add, inactivate, setDenies, searchIngredients }: Props) {
  const t = useTranslations("patientRecord");
  const tc = useTranslations("prescriptionCatalogue");
  const [code, setCode] = useState<AllergyCode | null>(null);
  const codedLabel = (a: PatientAllergyDto) => a.coding.ingredient?.name
    ?? (a.coding.drugClass ? tc(`classes.${a.coding.drugClass}` as "classes.penicillin") : null);
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const active = allergies.filter((a) => !a.inactiveAt);
  const inactive = allergies.filter((a) => a.inactiveAt);
  const form = useForm<AllergyInput>({ resolver: zodResolver(allergySchema) as never, defaultValues: { substance: "", reaction: "", severity: "" as AllergyInput["severity"] } });

  const settle = (result: PatientActionResult, done: string) => {
    if (result.ok) { setMessage({ ok: true, text: done }); router.refresh(); }
    else setMessage({ ok: false, text: result.message });
    return result.ok;
  };
  const run = (call: () => Promise<PatientActionResult>, done: string) => startTransition(async () => { settle(await call(), done); });

  const onAdd = form.handleSubmit(async () => {
    const result = await add(patientId, { ...form.getValues(), ingredientId: code?.ingredientId ?? null, drugClass: code?.drugClass ?? null });
    if (!result.ok) for (const [f, m] of Object.entries(result.fields ?? {})) form.setError(f as keyof AllergyInput, { message: m[0] });
    if (settle(result, t("allergies.added"))) { form.reset(); setCode(null); }
  });

  return (
    <Card aria-labelledby="allergies-title">
      <CardHeader titleId="allergies-title" title={t("sections.allergies")} />
      <CardBody className="space-y-4">
        {message && <Alert tone={message.ok ? "success" : "danger"}>{message.text}</Alert>}
        {active.length === 0 && (
          <p className="text-sm">{deniesAllergies ? <Badge tone="success">{t("allergies.denies")}</Badge> : t("allergies.notAsked")}</p>
        )}
        {active.length > 0 && (
          <ul className="divide-y divide-border" aria-label={t("allergies.activeList")}>
            {active.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <strong>{a.substance}</strong> <Badge tone={tone[a.severity]}>{t(`severity.${a.severity}`)}</Badge>
                  {codedLabel(a) && <span className="text-xs text-fg-muted"> ({tc("ingredientPicker.coded", { label: codedLabel(a)! })})</span>}
                  {a.reaction && <span className="text-fg-muted"> — {a.reaction}</span>}
                </span>
                {canEdit && (
                  <Button variant="ghost" size="sm" disabled={pending} onClick={() => run(() => inactivate(patientId, a.id), t("allergies.inactivated"))}>
                    {t("allergies.inactivate", { substance: a.substance })}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        {inactive.length > 0 && (
          <p className="text-sm text-fg-muted">{t("allergies.inactiveList", { list: inactive.map((a) => a.substance).join(", ") })}</p>
        )}
        {canEdit && (
          <>
            <form onSubmit={onAdd} noValidate className="grid gap-3 sm:grid-cols-[1fr_1fr_12rem_auto] sm:items-start" aria-label={t("allergies.addTitle")}>
              <FormField id="allergy-substance" label={t("allergies.substance")} error={form.formState.errors.substance?.message} required>
                {(f) => <Input {...f} {...form.register("substance")} />}
              </FormField>
              <FormField id="allergy-reaction" label={t("allergies.reaction")} error={form.formState.errors.reaction?.message}>
                {(f) => <Input {...f} {...form.register("reaction")} />}
              </FormField>
              <FormField id="allergy-severity" label={t("allergies.severity")} error={form.formState.errors.severity?.message} required>
                {(f) => <Select {...f} {...form.register("severity")} placeholder="—" options={ALLERGY_SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))} />}
              </FormField>
              <Button type="submit" className="sm:mt-7" loading={form.formState.isSubmitting}>{t("allergies.add")}</Button>
              <div className="sm:col-span-3">
                <AllergyCodePicker id="allergy-code" value={code} onChange={setCode} searchAction={searchIngredients} />
                {form.formState.errors.ingredientId?.message && <p className="text-sm text-danger-fg">{form.formState.errors.ingredientId.message}</p>}
              </div>
            </form>
            {active.length === 0 && (
              <Button variant="secondary" size="sm" disabled={pending}
                onClick={() => run(() => setDenies(patientId, !deniesAllergies), deniesAllergies ? t("allergies.denialWithdrawn") : t("allergies.denialRecorded"))}>
                {deniesAllergies ? t("allergies.withdrawDenial") : t("allergies.recordDenial")}
              </Button>
            )}
          </>
        )}
      </CardBody>
    </Card>
  );
}
