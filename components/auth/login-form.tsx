"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { decodePrompt, type TwoFactorPrompt } from "@/lib/auth/two-factor-protocol";
import { TwoFactorStep, type ResendCode } from "./two-factor-step";

type Values = { email: string; password: string };

/**
 * `forgotPassword`: password reset exists per clinic only, so the platform's sign-in hides it.
 */
export function LoginForm({ notice, afterSignIn = "/", forgotPassword = true, resendCode }: {
  notice?: string; afterSignIn?: string; forgotPassword?: boolean; resendCode?: ResendCode;
}) {
  const t = useTranslations("auth");
  const tr = useTranslations("passwordReset");
  const [failed, setFailed] = useState(false);
  // Set when the password was right but the account asks for a second factor (see options.ts).
  const [prompt, setPrompt] = useState<TwoFactorPrompt | null>(null);
  const schema = z.object({
    email: z.string().trim().email(t("emailInvalid")),
    password: z.string().min(1, t("passwordRequired")),
  });
  const { register, handleSubmit, formState } = useForm<Values>({ resolver: zodResolver(schema) });

  const onSubmit = handleSubmit(async (values) => {
    setFailed(false);
    const result = await signIn("credentials", { ...values, redirect: false });
    const second = decodePrompt(result?.error);
    if (second) return setPrompt(second);
    if (!result || result.error) {
      // One message for every failure: never reveal whether the e-mail exists.
      setFailed(true);
      return;
    }
    // A full navigation, so the server renders the area this user's roles lead to.
    window.location.assign(afterSignIn);
  });

  if (prompt) return <TwoFactorStep prompt={prompt} afterSignIn={afterSignIn} onBack={() => setPrompt(null)} resendCode={resendCode} />;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {failed && <Alert tone="danger">{t("invalidCredentials")}</Alert>}
      {!failed && notice && <Alert tone="info">{notice}</Alert>}
      <FormField label={t("email")} error={formState.errors.email?.message} required>
        {(field) => <Input {...field} type="email" autoComplete="username" {...register("email")} />}
      </FormField>
      <FormField label={t("password")} error={formState.errors.password?.message} required>
        {(field) => <Input {...field} type="password" autoComplete="current-password" {...register("password")} />}
      </FormField>
      <Button type="submit" className="w-full" loading={formState.isSubmitting}>
        {formState.isSubmitting ? t("submitting") : t("submit")}
      </Button>
      {forgotPassword && (
        <Link href="/forgot-password" className="block text-center text-sm font-medium text-brand-700 underline">
          {tr("forgotLink")}
        </Link>
      )}
    </form>
  );
}
