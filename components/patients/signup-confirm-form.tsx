"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

// Shared by the confirm server action and this form. Messages are already written for the reader.
export type ConfirmSignupState =
  | { status: "idle" }
  | { status: "confirmed" }
  | { status: "resent"; email: string }
  | { status: "error"; message?: string; fields?: Record<string, string[]>; email?: string };

type Action = (prev: ConfirmSignupState, form: FormData) => Promise<ConfirmSignupState>;

/**
 * E-mail + 6-digit code. One form, two buttons: "confirm" and "resend" post the same fields to
 * one action with a different `intent`, so a person who lost the mail needs no other page.
 */
export function SignupConfirmForm({ action, email = "" }: { action: Action; email?: string }) {
  const t = useTranslations("signup");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });

  if (state.status === "confirmed") {
    return (
      <div className="space-y-4">
        <Alert tone="success">{t("confirmed")}</Alert>
        <Link href="/login" className={buttonClasses({}, "w-full")}>{t("goToLogin")}</Link>
      </div>
    );
  }

  const error = state.status === "error" ? state : null;
  const address = state.status === "idle" ? email : (state.email ?? email);
  return (
    <form action={formAction} className="space-y-4">
      {state.status === "resent" && <Alert tone="success">{t("resent")}</Alert>}
      {error?.message && !error.fields && <Alert tone="danger">{error.message}</Alert>}
      <FormField label={t("email")} error={error?.fields?.email?.join(" ")} required>
        {(field) => <Input {...field} name="email" type="email" autoComplete="email" defaultValue={address} />}
      </FormField>
      <FormField label={t("code")} hint={t("codeHint")} error={error?.fields?.code?.join(" ")} required>
        {(field) => <Input {...field} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} pattern="\d{6}" />}
      </FormField>
      <Button type="submit" name="intent" value="confirm" className="w-full" loading={pending}>
        {pending ? t("confirming") : t("confirm")}
      </Button>
      <Button type="submit" name="intent" value="resend" variant="secondary" className="w-full" formNoValidate disabled={pending}>
        {t("resend")}
      </Button>
    </form>
  );
}
