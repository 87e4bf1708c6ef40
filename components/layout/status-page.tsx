import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** Full-page message for 404/403/errors: what happened and a way back. */
export function StatusPage({ code, title, description, backLabel }: { code: string; title: string; description: string; backLabel: string }) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-lg flex-col items-center justify-center gap-4 p-6 text-center">
      {/* The tab names the status, not the route that was refused or missing: React puts this
          title in the document head ahead of the route's (metadata cannot reach these pages). */}
      <title>{`${title} · Prontivus`}</title>
      <p className="text-sm font-semibold text-brand-700">{code}</p>
      <h1 className="text-2xl font-semibold text-fg">{title}</h1>
      <p className="text-fg-muted">{description}</p>
      <Link href="/" className={buttonClasses({ variant: "secondary" })}>{backLabel}</Link>
    </main>
  );
}
