"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ForgotPasswordState } from "./password-reset-state";

type Action = (prev: ForgotPasswordState, form: FormData) => Promise<ForgotPasswordState>;

/**
 * A plain form posting to the server action, so it also works before hydration. After a valid
 * submission it shows one neutral sentence whatever happened: nothing here may tell whether the
 * address has an account.
 */
export function ForgotPasswordForm({ action }: { action: Action }) {
  const t = useTranslations("passwordReset");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });

  if (state.status === "sent") {
    return (
      <div className="space-y-4">
        <Alert tone="success">
          <p>{t("sent")}</p>
          <p className="mt-1">{t("sentHint")}</p>
        </Alert>
        <Link href="/login" className="block text-center text-sm font-medium text-brand-700 underline">{t("backToLogin")}</Link>
      </div>
    );
  }

  const error = state.status === "error" ? state : null;
  return (
    <form action={formAction} className="space-y-4">
      {error?.message && !error.fields && <Alert tone="danger">{error.message}</Alert>}
      <FormField label={t("email")} error={error?.fields?.email?.join(" ")} required>
        {(field) => <Input {...field} name="email" type="email" autoComplete="email" defaultValue={error?.email} />}
      </FormField>
      <Button type="submit" className="w-full" loading={pending}>
        {pending ? t("sending") : t("send")}
      </Button>
      <Link href="/login" className="block text-center text-sm font-medium text-brand-700 underline">{t("backToLogin")}</Link>
    </form>
  );
}
