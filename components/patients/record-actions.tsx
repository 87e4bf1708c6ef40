"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { PatientRecord } from "@/lib/patients/record-types";
import type { PatientAction, PatientActionResult } from "./types";

type Channels = PatientRecord["communication"];

/** Per-channel communication consent; apart from consent to care, which is not shown here. */
export function ConsentsSection({ patientId, value, canEdit, save }: {
  patientId: string; value: Channels; canEdit: boolean; save: PatientAction<[string, unknown]>;
}) {
  const t = useTranslations("patientRecord");
  const router = useRouter();
  const [channels, setChannels] = useState(value);
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<PatientActionResult | null>(null);
  const changed = (Object.keys(value) as (keyof Channels)[]).some((k) => value[k] !== channels[k]);

  return (
    <Card aria-labelledby="communication-title">
      <CardHeader titleId="communication-title" title={t("sections.communication")} description={t("communication.hint")} />
      <CardBody className="space-y-3">
        {outcome && <Alert tone={outcome.ok ? "success" : "danger"}>{outcome.ok ? t("communication.saved") : outcome.message}</Alert>}
        <div className="flex flex-wrap gap-6">
          {(["email", "sms", "whatsapp"] as const).map((ch) => (
            <label key={ch} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={channels[ch]} disabled={!canEdit || pending}
                onChange={(e) => setChannels({ ...channels, [ch]: e.target.checked })} />
              {t(`communication.${ch}`)}
            </label>
          ))}
        </div>
        {canEdit && (
          <Button variant="secondary" size="sm" disabled={!changed} loading={pending} onClick={() => startTransition(async () => {
            const result = await save(patientId, channels);
            setOutcome(result);
            if (result.ok) router.refresh();
          })}>
            {t("communication.save")}
          </Button>
        )}
      </CardBody>
    </Card>
  );
}

/** Archive (never delete) or reactivate. */
export function ArchiveSection({ patientId, archived, archive, unarchive }: {
  patientId: string; archived: boolean; archive: PatientAction<[string]>; unarchive: PatientAction<[string]>;
}) {
  const t = useTranslations("patientRecord");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const onClick = () => {
    if (!archived && !window.confirm(t("archive.confirm"))) return;
    startTransition(async () => {
      const result = await (archived ? unarchive : archive)(patientId);
      if (result.ok) router.refresh();
      else setError(result.message);
    });
  };
  return (
    <Card aria-labelledby="archive-title">
      <CardHeader titleId="archive-title" title={t("sections.archive")} description={archived ? t("archive.archivedHint") : t("archive.hint")} />
      <CardBody className="space-y-3">
        {error && <Alert tone="danger">{error}</Alert>}
        <Button variant={archived ? "secondary" : "danger"} loading={pending} onClick={onClick}>
          {archived ? t("archive.unarchive") : t("archive.archive")}
        </Button>
      </CardBody>
    </Card>
  );
}
