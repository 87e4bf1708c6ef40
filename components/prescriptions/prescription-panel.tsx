"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { PrescriptionView } from "@/lib/prescriptions/schemas";
import { MedicationPicker, type MedicationSearchAction } from "./medication-picker";
import { PrescriptionEditor } from "./prescription-editor";
import { SignedPrescription } from "./signed-prescription";
import type { PrescriptionActions } from "./types";

// The chart's "Prescrição" panel: this encounter's prescriptions, drafts in the editor for their
// author, the rest read only. Only the encounter's author with prescriptions:write sees the
// controls (front desk and finance never do; the actions refuse them anyway).

type Props = {
  medicalRecordId: string;
  prescriptions: PrescriptionView[];
  me: string | null;
  canPrescribe: boolean;
  canSign: boolean;
  timeZone: string;
  actions: PrescriptionActions;
  /** The catalogue search (searchMedicationsAction of app/t/[tenant]/(staff)/_actions/medications.ts). */
  searchMedications: MedicationSearchAction;
};

export function PrescriptionPanel({ medicalRecordId, prescriptions, me, canPrescribe, canSign, timeZone, actions, searchMedications }: Props) {
  const t = useTranslations("prescriptions");
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create() {
    setBusy(true);
    const result = await actions.create({ medicalRecordId, items: [] });
    setBusy(false);
    if (!result.ok) { setMessage(result.message); return; }
    router.refresh();
  }

  return (
    <Card aria-labelledby="rx-panel-title" data-slot="prescriptions">
      <CardHeader titleId="rx-panel-title" title={t("panel.title")}
        actions={canPrescribe ? <Button size="sm" onClick={() => void create()} loading={busy}>{t("panel.new")}</Button> : undefined} />
      <CardBody className="space-y-6">
        {message && <Alert tone="danger">{message}</Alert>}
        {prescriptions.length === 0 && <p className="text-sm text-fg-muted">{t("panel.empty")}</p>}
        {prescriptions.map((p) => (
          <article key={p.id} className="space-y-3 border-b border-border pb-4 last:border-0" aria-label={t(`kinds.${p.kind}`)}>
            {p.status === "DRAFT" && canPrescribe && p.doctor.id === me ? (
              <>
                <h3 className="text-sm font-semibold">{t("panel.draftOf", { kind: t(`kinds.${p.kind}`) })}</h3>
                <PrescriptionEditor prescription={p} actions={actions} canSign={canSign}
                  renderPicker={(index, apply) => (
                    <MedicationPicker id={`rx-${p.id.slice(-6)}-${index}-search`} searchAction={searchMedications}
                      onSelect={(hit) => apply({
                        medication: { source: hit.source, id: hit.id }, drugName: hit.name,
                        activeIngredient: hit.ingredients.map((i) => i.name).join(" + "), presentation: hit.presentation ?? "",
                      })} />
                  )} />
              </>
            ) : (
              <SignedPrescription prescription={p} timeZone={timeZone} medicalRecordId={medicalRecordId}
                canManage={canPrescribe && canSign && p.doctor.id === me} actions={actions} />
            )}
          </article>
        ))}
      </CardBody>
    </Card>
  );
}
