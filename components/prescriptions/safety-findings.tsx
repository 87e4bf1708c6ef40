"use client";

/**
 * The safety check's answer as the prescription editor shows it: the patient's allergy status
 * ("Nega alergias"; unknown is said as unknown, never as none) and each finding with its severity,
 * its message (`prescriptionSafety.<code>` with its params), and for interactions the effect,
 * management and source as in the reference data. Blocking findings (CONTRAINDICATED, MAJOR) are
 * marked; `renderAction(finding)` lets the editor put its override control beside each of them.
 *
 * Props: `allergyStatus`, `findings` (from checkPrescriptionSafety, worst first), `renderAction?`.
 */
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { AllergyStatus, SafetyFinding } from "@/lib/prescriptions/safety/types";

const TONE: Record<SafetyFinding["severity"], BadgeTone> = { CONTRAINDICATED: "danger", MAJOR: "danger", MODERATE: "warning", MINOR: "info" };

export function SafetyFindings({ allergyStatus, findings, renderAction }: {
  allergyStatus: AllergyStatus;
  findings: SafetyFinding[];
  renderAction?: (finding: SafetyFinding) => ReactNode;
}) {
  const t = useTranslations("prescriptionSafety");
  const status = allergyStatus.state === "recorded"
    ? t("allergyStatus.recorded", { list: allergyStatus.allergies.map((a) => a.substance).join(", ") })
    : t(`allergyStatus.${allergyStatus.state}`);
  return (
    <section aria-label={t("title")} className="space-y-3">
      <p className="text-sm">
        <Badge tone={allergyStatus.state === "denies" ? "success" : allergyStatus.state === "unknown" ? "warning" : "danger"}>{status}</Badge>
      </p>
      {findings.length === 0 && <p className="text-sm text-fg-muted">{t("none")}</p>}
      {findings.some((f) => f.blocking) && <Alert tone="danger">{t("blockingHint")}</Alert>}
      <ul className="space-y-2">
        {findings.map((f) => (
          <li key={f.key} className="rounded-md border border-border p-3 text-sm" data-finding-key={f.key}>
            <p className="flex flex-wrap items-center gap-2">
              <Badge tone={TONE[f.severity]}>{t(`severity.${f.severity}`)}</Badge>
              <span className="font-medium">{t(`kind.${f.kind}`)}</span>
              {f.otherPrescriptionId && <span className="text-xs text-fg-muted">{t("otherPrescription")}</span>}
            </p>
            <p className="mt-1">{t(f.code as "findings.interaction", f.params as never)}</p>
            {f.effect && <p className="mt-1"><span className="font-medium">{t("effect")}:</span> {f.effect}</p>}
            {f.management && <p><span className="font-medium">{t("management")}:</span> {f.management}</p>}
            {f.source && (
              <p className="text-xs text-fg-muted">
                {t("source")}: {f.sourceUrl ? <a className="underline" href={f.sourceUrl} target="_blank" rel="noreferrer">{f.source}</a> : f.source}
              </p>
            )}
            {f.blocking && renderAction?.(f)}
          </li>
        ))}
      </ul>
    </section>
  );
}
