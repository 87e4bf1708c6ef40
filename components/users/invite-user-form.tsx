"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { inviteUserSchema } from "@/lib/users/schemas";
import type { RoleOption, UserAction } from "./types";

type Values = z.input<typeof inviteUserSchema>;

/** E-mail + role; the role list holds only what this admin may grant (decided on the server). */
export function InviteUserForm({ roles, action }: { roles: RoleOption[]; action: UserAction }) {
  const t = useTranslations("users");
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<Values>({
    resolver: zodResolver(inviteUserSchema),
    defaultValues: { email: "", role: "" as Values["role"] },
  });

  const onSubmit = handleSubmit(async (values) => {
    setOutcome(null);
    const result = await action(values);
    if (result.ok) {
      setOutcome({ ok: true, message: t("inviteSent", { email: values.email.trim().toLowerCase() }) });
      reset();
      return;
    }
    for (const [field, messages] of Object.entries(result.fields ?? {})) {
      if (field === "email" || field === "role") setError(field, { message: messages[0] });
    }
    setOutcome({ ok: false, message: result.message });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-[1fr_14rem_auto] sm:items-start">
      <FormField label={t("email")} error={formState.errors.email?.message} required>
        {(field) => <Input {...field} type="email" autoComplete="off" {...register("email")} />}
      </FormField>
      <FormField label={t("role")} error={formState.errors.role?.message} required>
        {(field) => <Select {...field} options={roles} placeholder={t("rolePlaceholder")} {...register("role")} />}
      </FormField>
      <Button type="submit" className="sm:mt-7" loading={formState.isSubmitting}>{t("inviteSubmit")}</Button>
      {outcome && (
        <Alert tone={outcome.ok ? "success" : "danger"} className="sm:col-span-3">{outcome.message}</Alert>
      )}
    </form>
  );
}
