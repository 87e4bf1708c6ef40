import type { ReactNode } from "react";
import { LanguageSwitcher } from "@/components/layout/language-switcher";

/** The frame of the public account pages (forgot / reset password): clinic name, one card. */
export function AuthCard({ orgName, title, intro, children }: { orgName: string; title: string; intro?: string; children: ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center p-6">
      <div className="w-full max-w-sm space-y-6">
        <div className="space-y-1 text-center">
          <p className="text-sm font-semibold text-brand-700">Prontivus</p>
          <p className="text-2xl font-semibold text-fg">{orgName}</p>
        </div>
        <div className="rounded-lg border border-border bg-surface p-6 shadow-sm">
          <h1 className="text-lg font-semibold">{title}</h1>
          {intro && <p className="mb-4 mt-1 text-sm text-fg-muted">{intro}</p>}
          {children}
        </div>
        <LanguageSwitcher className="justify-center" />
      </div>
    </main>
  );
}
