"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { patientPreRegistrationSchema, type PatientPreRegistrationInput } from "@/lib/patients/record-schemas";
import { patientHref } from "./links";
import type { PatientAction } from "./types";

/** Quick pre-registration (phone call, busy desk): name and phone, completed at check-in. */
export function PreRegistrationForm({ action }: { action: PatientAction }) {
  const t = useTranslations("patientRecord");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError: setFieldError, getValues } = useForm<PatientPreRegistrationInput>({
    resolver: zodResolver(patientPreRegistrationSchema) as never,
    defaultValues: { fullName: "", phone: "" },
  });

  const onSubmit = handleSubmit(async () => {
    setError(null);
    const result = await action(getValues());
    if (result.ok && result.id) {
      router.push(patientHref(result.id));
      return;
    }
    if (!result.ok) {
      for (const [field, messages] of Object.entries(result.fields ?? {})) {
        if (field === "fullName" || field === "phone") setFieldError(field, { message: messages[0] });
      }
      setError(result.message);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("quick.title")}>
      <Card>
        <CardHeader title={t("quick.title")} description={t("quick.hint")} />
        <CardBody className="grid gap-4 sm:grid-cols-[1fr_16rem_auto] sm:items-start">
          <FormField id="patient-quick-fullName" label={t("fields.fullName")} error={formState.errors.fullName?.message} required>
            {(field) => <Input {...field} autoComplete="off" {...register("fullName")} />}
          </FormField>
          <FormField id="patient-quick-phone" label={t("fields.phone")} error={formState.errors.phone?.message} required>
            {(field) => <Input {...field} type="tel" placeholder="(11) 98765-4321" {...register("phone")} />}
          </FormField>
          <Button type="submit" className="sm:mt-7" loading={formState.isSubmitting}>{t("quick.submit")}</Button>
          {error && <Alert tone="danger" className="sm:col-span-3">{error}</Alert>}
        </CardBody>
      </Card>
    </form>
  );
}
