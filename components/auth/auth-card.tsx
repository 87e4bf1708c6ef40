import type { ReactNode } from "react";
import { LanguageSwitcher } from "@/components/layout/language-switcher";

/** The frame of the public account pages (sign-in, forgot/reset password, invitation): clinic name, one card. */
export function AuthCard({ orgName, title, intro, children }: { orgName: string; title: string; intro?: string; children: ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center p-6">
      <div className="w-full max-w-sm space-y-6">
        <div className="space-y-1 text-center">
          <p className="text-sm font-semibold text-brand-700">Prontivus</p>
          <h1 className="text-2xl font-semibold text-fg">{orgName}</h1>
        </div>
        <div className="rounded-lg border border-border bg-surface p-6 shadow-sm">
          <h2 className="text-lg font-semibold">{title}</h2>
          {intro && <p className="mt-1 text-sm text-fg-muted">{intro}</p>}
          <div className="mt-4">{children}</div>
        </div>
        <LanguageSwitcher className="justify-center" />
      </div>
    </main>
  );
}
