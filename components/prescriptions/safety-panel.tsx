"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { SafetyPreview } from "./types";

// What the prescriber must see while writing: the patient's allergy status (denial and "not
// recorded" are different things, and unknown is never shown as none), the kind of receituário
// the items force and why, items this app cannot issue, and every safety finding with its
// severity, source and, for a blocking one, whether a reason has been given.

type Finding = SafetyPreview["findings"][number];
const tone = { CONTRAINDICATED: "danger", MAJOR: "danger", MODERATE: "warning", MINOR: "info" } as const;

export function AllergyStatusLine({ status }: { status: SafetyPreview["allergyStatus"] }) {
  const t = useTranslations("prescriptions.allergy");
  if (status.state === "denies") return <p className="text-sm" data-allergy="denies"><Badge tone="success">{t("denies")}</Badge></p>;
  if (status.state === "unknown") return <p className="text-sm" data-allergy="unknown"><Badge tone="warning">{t("unknown")}</Badge></p>;
  return (
    <p className="text-sm" data-allergy="recorded">
      <Badge tone="danger">{t("recorded", { list: status.allergies.map((a) => a.substance).join(", ") })}</Badge>
    </p>
  );
}

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

export function FindingItem({ finding, overridden }: { finding: Finding; overridden: boolean }) {
  const t = useTranslations("prescriptions.safety");
  return (
    <li className="space-y-1 py-2" data-finding={finding.key} data-severity={finding.severity}>
      <p className="flex flex-wrap items-center gap-2">
        <Badge tone={tone[finding.severity]}>{t(`severity.${finding.severity}`)}</Badge>
        <strong>{t(`kinds.${finding.kind}`)}</strong>
        <span>{t("ingredients", { list: finding.ingredients.join(" + ") })}</span>
        {finding.blocking && (overridden ? <Badge tone="neutral">{t("overridden")}</Badge> : <span className="text-danger-fg">{t("blocking")}</span>)}
      </p>
      {finding.effect && <p className="text-sm">{t("effect", { text: finding.effect })}</p>}
      {finding.management && <p className="text-sm">{t("management", { text: finding.management })}</p>}
      {finding.source && <p className="text-xs text-fg-muted">{t("source", { text: finding.source })}</p>}
      {finding.otherPrescriptionId && <p className="text-xs text-fg-muted">{t("otherPrescription")}</p>}
    </li>
  );
}

export function SafetyPanel({ preview, checking, error, overrides }: {
  preview: SafetyPreview | null; checking: boolean; error: string | null; overrides: Record<string, string>;
}) {
  const t = useTranslations("prescriptions.safety");
  return (
    <section aria-labelledby="rx-safety-title" aria-live="polite" className="space-y-2 rounded-md border border-border p-3">
      <h3 id="rx-safety-title" className="text-sm font-semibold">{t("title")}</h3>
      {preview && <AllergyStatusLine status={preview.allergyStatus} />}
      {checking && <p className="text-sm text-fg-muted">{t("checking")}</p>}
      {error && <p className="text-sm text-danger-fg">{t("failed", { message: error })}</p>}
      {preview && preview.findings.length === 0 && !checking && <p className="text-sm">{t("none")}</p>}
      {preview && preview.findings.length > 0 && (
        <ul className="divide-y divide-border" aria-label={t("title")}>
          {preview.findings.map((f) => <FindingItem key={f.key} finding={f} overridden={!!overrides[f.key]?.trim()} />)}
        </ul>
      )}
      {preview && <KindExplanation kind={preview.kind} />}
    </section>
  );
}
