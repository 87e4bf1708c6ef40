"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ResetPasswordState } from "./password-reset-state";

type Action = (prev: ResetPasswordState, form: FormData) => Promise<ResetPasswordState>;

/** Dead or used link: say so plainly and offer the way to a fresh one. */
export function ResetLinkInvalid({ message }: { message?: string }) {
  const t = useTranslations("passwordReset");
  return (
    <div className="space-y-4">
      <Alert tone="danger">{message ?? t("invalidLink")}</Alert>
      <Link href="/forgot-password" className={buttonClasses({}, "w-full")}>{t("requestNew")}</Link>
    </div>
  );
}

/**
 * New password twice. The policy needs the account's name, e-mail and CPF, so it runs on the
 * server; its messages come back as errors on the field. The token travels in a hidden input
 * (it is already in the URL the person opened).
 */
export function ResetPasswordForm({ token, action }: { token: string; action: Action }) {
  const t = useTranslations("passwordReset");
  const tp = useTranslations("passwordPolicy");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });

  if (state.status === "done") {
    return (
      <div className="space-y-4">
        <Alert tone="success">{t("done")}</Alert>
        <Link href="/login" className={buttonClasses({}, "w-full")}>{t("goToLogin")}</Link>
      </div>
    );
  }
  if (state.status === "invalid_link") return <ResetLinkInvalid message={state.message} />;

  const error = state.status === "error" ? state : null;
  return (
    <form action={formAction} className="space-y-4">
      {error?.message && !error.fields && <Alert tone="danger">{error.message}</Alert>}
      <input type="hidden" name="token" value={token} />
      <FormField label={t("newPassword")} hint={tp("hint")} error={error?.fields?.password?.join(" ")} required>
        {(field) => <Input {...field} name="password" type="password" autoComplete="new-password" maxLength={128} />}
      </FormField>
      <FormField label={t("confirmPassword")} error={error?.fields?.confirmation?.join(" ")} required>
        {(field) => <Input {...field} name="confirmation" type="password" autoComplete="new-password" maxLength={128} />}
      </FormField>
      <p className="text-sm text-fg-muted">{tp("passphraseTip")}</p>
      <Button type="submit" className="w-full" loading={pending}>
        {pending ? t("saving") : t("save")}
      </Button>
    </form>
  );
}
