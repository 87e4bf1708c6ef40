"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, type FieldPath } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { UFS } from "@/lib/br/documents";
import { acceptInvitationSchema, type AcceptInvitationData, type AcceptInvitationInput, type ActionResult } from "@/lib/users/schemas";

type Values = AcceptInvitationInput;
const FIELDS: FieldPath<Values>[] = ["name", "cpf", "crm", "crmUf", "password", "passwordConfirmation"];
const UF_OPTIONS = UFS.map((uf) => ({ value: uf, label: uf }));

/**
 * The invited person's own details. The password rules that need the invited e-mail (no
 * name, e-mail or CPF inside) run on the server; their messages come back as field errors.
 */
export function AcceptInvitationForm({ needsCrm, action }: { needsCrm: boolean; action: (input: unknown) => Promise<ActionResult> }) {
  const t = useTranslations("invitation");
  const [done, setDone] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<Values, unknown, AcceptInvitationData>({
    resolver: zodResolver(acceptInvitationSchema),
    defaultValues: { name: "", cpf: "", crm: "", crmUf: "", password: "", passwordConfirmation: "" },
  });
  const errorOf = (field: FieldPath<Values>) => formState.errors[field]?.message;

  const onSubmit = handleSubmit(async (_parsed, event) => {
    setFailure(null);
    // Send what was typed (not the parsed values): the server parses it with the same schema.
    const form = new FormData(event?.target as HTMLFormElement);
    const result = await action(Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? "")])));
    if (result.ok) return setDone(true);
    const fields = Object.entries(result.fields ?? {}).filter(([f]) => (FIELDS as string[]).includes(f));
    for (const [field, messages] of fields) setError(field as FieldPath<Values>, { message: messages.join(" ") });
    if (fields.length === 0) setFailure(result.message);
  });

  if (done) {
    return (
      <div className="space-y-4">
        <Alert tone="success" title={t("successTitle")}>{t("successText")}</Alert>
        <Link href="/login" className={buttonClasses({}, "w-full")}>{t("goToLogin")}</Link>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {failure && <Alert tone="danger">{failure}</Alert>}
      <FormField label={t("name")} error={errorOf("name")} required>
        {(field) => <Input {...field} autoComplete="name" {...register("name")} />}
      </FormField>
      <FormField label={t("cpf")} error={errorOf("cpf")} required>
        {(field) => <Input {...field} inputMode="numeric" autoComplete="off" placeholder="000.000.000-00" {...register("cpf")} />}
      </FormField>
      {needsCrm && (
        <div className="grid grid-cols-[1fr_7rem] gap-3">
          <FormField label={t("crm")} error={errorOf("crm")} required>
            {(field) => <Input {...field} inputMode="numeric" autoComplete="off" {...register("crm")} />}
          </FormField>
          <FormField label={t("crmUf")} error={errorOf("crmUf")} required>
            {(field) => <Select {...field} options={UF_OPTIONS} placeholder={t("ufPlaceholder")} {...register("crmUf")} />}
          </FormField>
        </div>
      )}
      <FormField label={t("password")} hint={t("passwordHint")} error={errorOf("password")} required>
        {(field) => <Input {...field} type="password" autoComplete="new-password" {...register("password")} />}
      </FormField>
      <FormField label={t("passwordConfirmation")} error={errorOf("passwordConfirmation")} required>
        {(field) => <Input {...field} type="password" autoComplete="new-password" {...register("passwordConfirmation")} />}
      </FormField>
      <Button type="submit" className="w-full" loading={formState.isSubmitting}>
        {formState.isSubmitting ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
