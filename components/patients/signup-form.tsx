"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { SignupConfirmForm, type ConfirmSignupState } from "./signup-confirm-form";
import { applyMask } from "@/components/ui/masked";

// Shared by the sign-up server action and this form. `values` refills the fields after a
// refusal (React resets a form after its action); the password is never sent back.
export type SignupState =
  | { status: "idle" }
  | { status: "sent"; email: string }
  | { status: "error"; message?: string; fields?: Record<string, string[]>; values?: Record<string, string> };

type Action<S> = (prev: S, form: FormData) => Promise<S>;

function Check({ name, children, error, defaultChecked }: { name: string; children: ReactNode; error?: string; defaultChecked?: boolean }) {
  return (
    <div className="space-y-1">
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name={name} className="mt-1" defaultChecked={defaultChecked} aria-invalid={error ? true : undefined} />
        <span>{children}</span>
      </label>
      {error && <p className="text-sm text-danger-fg">{error}</p>}
    </div>
  );
}

/**
 * A plain form posting to the server action (works before hydration). Validation that needs
 * the server (CPF owner, password policy with name/e-mail/CPF) comes back as field errors.
 * After a valid submission the same "code sent" view appears whether or not the e-mail was new.
 */
export function SignupForm({ action, confirmAction }: { action: Action<SignupState>; confirmAction: Action<ConfirmSignupState> }) {
  const t = useTranslations("signup");
  const tp = useTranslations("passwordPolicy");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });

  if (state.status === "sent") {
    return (
      <div className="space-y-4">
        <Alert tone="success">{t("sent", { email: state.email })}</Alert>
        <SignupConfirmForm action={confirmAction} email={state.email} />
      </div>
    );
  }

  const error = state.status === "error" ? state : null;
  const v = error?.values ?? {};
  const err = (name: string) => error?.fields?.[name]?.join(" ");
  return (
    <form action={formAction} className="space-y-4">
      {error?.message && <Alert tone="danger">{error.message}</Alert>}
      <FormField label={t("name")} error={err("name")} required>
        {(field) => <Input {...field} name="name" autoComplete="name" defaultValue={v.name} maxLength={200} />}
      </FormField>
      <FormField label={t("cpf")} error={err("cpf")} required>
        {(field) => <Input {...field} name="cpf" inputMode="numeric" placeholder="000.000.000-00" defaultValue={v.cpf} maxLength={14} onChange={(e) => applyMask("cpf", e.currentTarget)} />}
      </FormField>
      <FormField label={t("birthDate")} hint={t("birthDateHint")} error={err("birthDate")} required>
        {(field) => <Input {...field} name="birthDate" inputMode="numeric" placeholder="dd/mm/aaaa" autoComplete="bday" defaultValue={v.birthDate} maxLength={10} onChange={(e) => applyMask("date", e.currentTarget)} />}
      </FormField>
      <FormField label={t("email")} error={err("email")} required>
        {(field) => <Input {...field} name="email" type="email" autoComplete="email" defaultValue={v.email} />}
      </FormField>
      <FormField label={t("phone")} hint={t("phoneHint")} error={err("phone")} required>
        {(field) => <Input {...field} name="phone" type="tel" autoComplete="tel" placeholder="(11) 91234-5678" defaultValue={v.phone} onChange={(e) => applyMask("phone", e.currentTarget)} />}
      </FormField>
      <FormField label={t("password")} hint={tp("hint")} error={err("password")} required>
        {(field) => <Input {...field} name="password" type="password" autoComplete="new-password" maxLength={128} />}
      </FormField>
      <Check name="terms" error={err("terms")} defaultChecked={v.terms === "on"}>{t("terms")}</Check>
      <Check name="consentEmail" defaultChecked={v.consentEmail === "on"}>{t("consentEmail")}</Check>
      <Check name="consentSms" defaultChecked={v.consentSms === "on"}>{t("consentSms")}</Check>
      <Button type="submit" className="w-full" loading={pending}>
        {pending ? t("submitting") : t("submit")}
      </Button>
      <p className="text-center text-sm">
        <Link href="/login" className="font-medium text-brand-700 underline">{t("haveAccount")}</Link>
        {" · "}
        <Link href="/portal/confirm" className="font-medium text-brand-700 underline">{t("haveCode")}</Link>
      </p>
    </form>
  );
}
