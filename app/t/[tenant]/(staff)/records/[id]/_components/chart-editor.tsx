"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { controlClasses } from "@/components/ui/control-classes";
import type { ActionResult } from "@/lib/action-result";
import type { SavedDraft } from "@/lib/ehr/records/mutations";
import { SECTION_KEYS, type RecordView } from "@/lib/ehr/records/schemas";
import type { Cid10SearchAction } from "@/components/ehr/use-cid10-search";
import { DiagnosesField } from "./diagnoses-field";
import { ReviewActions } from "./review-actions";
import { SaveStatus } from "./save-status";
import { useAutosave } from "./use-autosave";

type Actions = {
  save: (id: string, input: unknown) => Promise<ActionResult<SavedDraft>>;
  sign: (id: string, input: unknown) => Promise<ActionResult<{ version: number }>>;
  review: (id: string, input: unknown) => Promise<ActionResult<{ version: number }>>;
  searchCid10: Cid10SearchAction;
};

type Props = { record: RecordView; timeZone: string; editable: boolean; canSign: boolean; canReview: boolean; actions: Actions };

/** The note while it can still change: sections, diagnoses, autosave, sign or review. */
export function ChartEditor({ record, timeZone, editable, canSign, canReview, actions }: Props) {
  const t = useTranslations("records");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const initial = { sections: record.sections, diagnoses: record.diagnoses.map((d) => ({ code: d.code, isMain: d.isMain, certainty: d.certainty })) };
  const auto = useAutosave({ id: record.id, version: record.version, contentHash: record.contentHash, initial, enabled: editable, save: actions.save });
  const { draft, update } = auto;

  const signNow = () => start(async () => {
    setError(null);
    await auto.flush();
    const now = auto.current();
    if (now.pending) { setError(t("sign.flushFirst")); return; }
    if (!window.confirm(t("sign.confirm"))) return;
    const r = await actions.sign(record.id, { version: now.version, contentHash: now.contentHash });
    if (r.ok) router.refresh(); else setError(r.message);
  });
  const reviewStep = (input: Record<string, unknown>) => start(async () => {
    setError(null);
    await auto.flush();
    const r = await actions.review(record.id, { ...input, version: auto.current().version });
    if (r.ok) router.refresh(); else setError(r.message);
  });

  return (
    <div className="space-y-4">
      {auto.staleLocal && (
        <Alert tone="warning">
          {t("save.staleLocal")} <Button size="sm" variant="secondary" onClick={auto.discardLocal}>{t("save.discardLocal")}</Button>
        </Alert>
      )}
      {record.status === "RETURNED" && record.review.comment && <Alert tone="warning">{t("chart.returnedComment", { comment: record.review.comment })}</Alert>}
      {record.needsReview && editable && <Alert tone="info">{t("review.needsReview")}</Alert>}
      {error && <Alert tone="danger">{error}</Alert>}
      {editable && <SaveStatus state={auto.state} timeZone={timeZone} onRetry={() => void auto.flush()} />}
      {!editable && <p className="text-sm text-fg-muted">{t("chart.readOnly")}</p>}
      <Card>
        <CardBody className="space-y-4">
          {SECTION_KEYS.map((key) => (
            <div key={key} className="space-y-1.5">
              <label htmlFor={`section-${key}`} className="text-sm font-medium">{t(`sections.${key}`)}</label>
              <textarea id={`section-${key}`} name={key} rows={key === "historyOfPresentIllness" || key === "examination" ? 5 : 3}
                className={controlClasses("py-2")} readOnly={!editable} value={draft.sections[key] ?? ""}
                onChange={(e) => update({ ...draft, sections: { ...draft.sections, [key]: e.target.value } })} />
            </div>
          ))}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("chart.diagnoses")} />
        <CardBody>
          <DiagnosesField value={draft.diagnoses} known={record.diagnoses} patientSex={record.patient.sex ?? null} disabled={!editable}
            searchAction={actions.searchCid10} onChange={(diagnoses) => update({ ...draft, diagnoses })} />
        </CardBody>
      </Card>
      <div className="flex flex-wrap gap-2">
        {editable && <Button variant="secondary" onClick={() => void auto.flush()}>{t("save.saveNow")}</Button>}
        {canSign && <Button loading={pending} onClick={signNow}>{t("sign.sign")}</Button>}
        <ReviewActions record={record} editable={editable} canReview={canReview} pending={pending} onStep={reviewStep} />
      </div>
    </div>
  );
}
