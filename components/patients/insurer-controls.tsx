"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { insurerSchema, type InsurerInput } from "@/lib/patients/insurer-schema";
import type { PatientAction } from "./types";
import { masked } from "@/components/ui/masked";

/** New insurer (convênio): name, optional ANS registry and CNPJ. */
export function InsurerForm({ action }: { action: PatientAction }) {
  const t = useTranslations("patientRecord");
  const [error, setError] = useState<string | null>(null);
  const form = useForm<InsurerInput>({ resolver: zodResolver(insurerSchema) as never, defaultValues: { name: "", ansCode: "", cnpj: "" } });
  const onSubmit = form.handleSubmit(async () => {
    setError(null);
    const result = await action(form.getValues());
    if (result.ok) { form.reset(); return; }
    for (const [f, m] of Object.entries(result.fields ?? {})) form.setError(f as keyof InsurerInput, { message: m[0] });
    setError(result.message);
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-[1fr_10rem_14rem_auto] sm:items-start">
      <FormField id="insurer-name" label={t("insurers.name")} error={e.name?.message} required>{(f) => <Input {...f} {...form.register("name")} />}</FormField>
      <FormField id="insurer-ans" label={t("insurers.ansCode")} error={e.ansCode?.message}>{(f) => <Input {...f} inputMode="numeric" {...form.register("ansCode")} />}</FormField>
      <FormField id="insurer-cnpj" label={t("insurers.cnpj")} error={e.cnpj?.message}>{(f) => <Input {...f} inputMode="text" placeholder="00.000.000/0000-00" {...masked("cnpj", form.register("cnpj"))} />}</FormField>
      <Button type="submit" className="sm:mt-7" loading={form.formState.isSubmitting}>{t("insurers.submit")}</Button>
      {error && <Alert tone="danger" className="sm:col-span-4">{error}</Alert>}
    </form>
  );
}

export function InsurerToggle({ id, name, active, action }: { id: string; name: string; active: boolean; action: PatientAction<[string, boolean]> }) {
  const t = useTranslations("patientRecord");
  const [pending, startTransition] = useTransition();
  return (
    <Button variant="secondary" size="sm" loading={pending} onClick={() => startTransition(async () => { await action(id, !active); })}>
      {active ? t("insurers.deactivate", { name }) : t("insurers.activate", { name })}
    </Button>
  );
}
