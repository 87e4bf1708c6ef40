"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { SafetyFindings } from "./safety-findings";
import type { SafetyPreview } from "./types";

// What the prescriber must see while writing: the safety check's answer (SafetyFindings: allergy
// status, where unknown is never shown as none, and every finding with severity and source), a
// mark on each blocking finding saying whether its reason is given, and the kind of receituário
// the items force, why, and the items this app cannot issue.

export function KindExplanation({ kind }: { kind: SafetyPreview["kind"] }) {
  const t = useTranslations("prescriptions");
  return (
    <div className="space-y-1 text-sm" aria-label={t("kindReasons.title")} role="group">
      <p><strong>{t(`kinds.${kind.kind}`)}</strong> — {t("kindReasons.validity", { days: kind.validityDays })}</p>
      <ul className="list-disc ps-5 text-fg-muted">
        {kind.reasons.map((r, i) => <li key={i}>{t(`kindReasons.${r.code}`, r.params)}</li>)}
        <li>{t("kindReasons.forced")}</li>
      </ul>
      {kind.refusals.map((r, i) => (
        <p key={i} role="alert" className="rounded-md border border-danger-border bg-danger-bg p-2 text-danger-fg">
          {r.code === "notificationRequired"
            ? t("refusals.notificationRequired", { ...r.params, form: t(`notificationForms.${r.params.form}`) })
            : t("refusals.prohibitedSubstance", r.params)}
        </p>
      ))}
    </div>
  );
}

export function SafetyPanel({ preview, checking, error, overrides }: {
  preview: SafetyPreview | null; checking: boolean; error: string | null; overrides: Record<string, string>;
}) {
  const t = useTranslations("prescriptions.safety");
  return (
    <div aria-live="polite" className="space-y-3 rounded-md border border-border p-3">
      {checking && <p className="text-sm text-fg-muted">{t("checking")}</p>}
      {error && <p className="text-sm text-danger-fg">{t("failed", { message: error })}</p>}
      {preview && (
        <SafetyFindings allergyStatus={preview.allergyStatus} findings={preview.findings}
          renderAction={(f) => (overrides[f.key]?.trim()
            ? <p className="mt-2"><Badge tone="neutral">{t("overridden")}</Badge></p>
            : <p className="mt-2 text-danger-fg">{t("blocking")}</p>)} />
      )}
      {preview && <KindExplanation kind={preview.kind} />}
    </div>
  );
}
