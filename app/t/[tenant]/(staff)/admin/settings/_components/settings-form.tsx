"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, type FieldPath } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { settingsFormSchema, type SettingsFormValues } from "@/lib/tenancy/settings-form";
import type { ActionResult } from "@/lib/users/schemas";

type Props = {
  initial: SettingsFormValues;
  roles: { value: string; label: string }[];
  /** The clinic's doctors, for the review (residents) setting. */
  doctors: { value: string; label: string }[];
  action: (input: SettingsFormValues) => Promise<ActionResult>;
};

type NumberField =
  | "staffIdleMinutes" | "patientIdleMinutes" | "absoluteSessionHours" | "minCancellationNoticeHours" | "waitlistOfferMinutes"
  | "attachmentMaxFileMegabytes";

export function SettingsForm({ initial, roles, doctors, action }: Props) {
  const t = useTranslations("sessions.settings");
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<SettingsFormValues>({
    resolver: zodResolver(settingsFormSchema),
    defaultValues: initial,
  });
  const err = (name: FieldPath<SettingsFormValues>) => (formState.errors as Record<string, { message?: string } | undefined>)[name]?.message;

  const onSubmit = handleSubmit(async (values) => {
    setOutcome(null);
    const result = await action(values);
    if (result.ok) {
      reset(values);
      return setOutcome({ ok: true, message: t("saved") });
    }
    for (const [field, messages] of Object.entries(result.fields ?? {})) {
      setError(field as FieldPath<SettingsFormValues>, { message: messages[0] });
    }
    setOutcome({ ok: false, message: result.message });
  });

  const numberField = (name: NumberField, hint?: string) => (
    <FormField label={t(name)} error={err(name)} hint={hint} required>
      {(field) => <Input {...field} type="number" inputMode="numeric" step={1} {...register(name, { valueAsNumber: true })} />}
    </FormField>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <Card aria-labelledby="settings-security">
        <CardHeader titleId="settings-security" title={t("security")} description={t("cacheNote")} />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <fieldset className="sm:col-span-2">
            <legend className="mb-2 text-sm font-medium text-fg">{t("twoFactorRoles")}</legend>
            <div className="flex flex-wrap gap-4">
              {roles.map((r) => (
                <label key={r.value} className="inline-flex items-center gap-2 text-sm">
                  <input type="checkbox" value={r.value} className="size-4" {...register("twoFactorRequiredRoles")} />
                  {r.label}
                </label>
              ))}
            </div>
            {err("twoFactorRequiredRoles") && <p role="alert" className="mt-1 text-sm text-danger-fg">{err("twoFactorRequiredRoles")}</p>}
          </fieldset>
          {numberField("staffIdleMinutes", t("idleHint"))}
          {numberField("patientIdleMinutes", t("idleHint"))}
          {numberField("absoluteSessionHours", t("absoluteHint"))}
        </CardBody>
      </Card>
      <Card aria-labelledby="settings-scheduling">
        <CardHeader titleId="settings-scheduling" title={t("scheduling")} />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          {numberField("minCancellationNoticeHours")}
          <FormField label={t("reminderOffsetsHours")} error={err("reminderOffsetsHours")} hint={t("reminderHint")} required>
            {(field) => <Input {...field} inputMode="numeric" {...register("reminderOffsetsHours")} />}
          </FormField>
          {numberField("waitlistOfferMinutes")}
        </CardBody>
      </Card>
      <Card aria-labelledby="settings-records">
        <CardHeader titleId="settings-records" title={t("records")} description={t("recordsReviewHint")} />
        <CardBody className="grid gap-4">
          <div className="sm:max-w-xs">{numberField("attachmentMaxFileMegabytes", t("attachmentMaxHint"))}</div>
          <fieldset>
            <legend className="mb-2 text-sm font-medium text-fg">{t("recordsReviewDoctors")}</legend>
            <div className="flex flex-wrap gap-4">
              {doctors.map((d) => (
                <label key={d.value} className="inline-flex items-center gap-2 text-sm">
                  <input type="checkbox" value={d.value} className="size-4" {...register("reviewRequiredDoctorIds")} />
                  {d.label}
                </label>
              ))}
            </div>
          </fieldset>
        </CardBody>
      </Card>
      {outcome && <Alert tone={outcome.ok ? "success" : "danger"}>{outcome.message}</Alert>}
      <Button type="submit" loading={formState.isSubmitting}>{t("save")}</Button>
    </form>
  );
}
