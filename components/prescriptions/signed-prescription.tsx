"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/control-classes";
import { FormField } from "@/components/ui/form-field";
import { documentPdfUrl } from "@/lib/documents/types";
import { formatCalendarDate, formatDateTime } from "@/lib/format/date";
import type { PrescriptionView } from "@/lib/prescriptions/schemas";
import type { PrescriptionActions } from "./types";

// A signed (or cancelled) prescription: read only, as printed, with its verification code, the
// signed PDF, what pharmacies dispensed, and the author's two moves: cancel with a reason, or
// renew the continuous-use items into a new draft in this encounter.

type Props = {
  prescription: PrescriptionView;
  timeZone: string;
  medicalRecordId: string;
  /** The author, with the permissions to cancel and renew. */
  canManage: boolean;
  actions: Pick<PrescriptionActions, "cancel" | "renew">;
};

export function SignedPrescription({ prescription: p, timeZone, medicalRecordId, canManage, actions }: Props) {
  const t = useTranslations("prescriptions");
  const router = useRouter();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const signed = p.status === "SIGNED";

  const run = async (call: () => ReturnType<PrescriptionActions["cancel"]>, done: string) => {
    setBusy(true);
    const result = await call();
    setBusy(false);
    setMessage(result.ok ? { ok: true, text: done } : { ok: false, text: result.message });
    if (result.ok) { setCancelling(false); router.refresh(); }
  };

  return (
    <div className="space-y-3" data-prescription={p.id} data-status={p.status}>
      {message && <Alert tone={message.ok ? "success" : "danger"}>{message.text}</Alert>}
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={signed ? "success" : "neutral"}>{t(`status.${p.status}`)}</Badge>
        <strong>{t(`kinds.${p.kind}`)}</strong>
        {p.renewedFromId && <span className="text-fg-muted">{t("signed.renewalOf")}</span>}
      </p>
      {p.signedAt && <p className="text-sm">{t("signed.signedAt", { date: formatDateTime(p.signedAt, timeZone), doctor: p.doctor.name })}</p>}
      {p.validUntil && signed && <p className="text-sm">{t("signed.validUntil", { date: formatCalendarDate(p.validUntil) })}</p>}
      {p.cancelledAt && <p className="text-sm">{t("signed.cancelledAt", { date: formatDateTime(p.cancelledAt, timeZone) })}</p>}
      {p.document && <p className="text-sm">{t("signed.code", { code: p.document.verificationCode })}</p>}
      {signed && <p className="text-sm text-fg-muted">{t("signed.readOnly")}</p>}
      <ol className="list-decimal space-y-2 ps-5 text-sm">
        {p.items.map((i) => (
          <li key={i.id}>
            <strong>{i.drugName}</strong>{i.presentation ? ` — ${i.presentation}` : ""}
            {i.freeText && <> <Badge tone="warning">{t("item.freeText")}</Badge></>}
            <div>{i.dose} {i.doseUnit}, {i.route}, {i.frequency}{i.duration ? `, ${i.duration}` : ""}</div>
            <div>{i.quantity} {i.quantityUnit} ({i.quantityWords}){i.continuousUse ? ` · ${t("item.continuousUse")}` : ""}</div>
            {i.instructions && <div className="text-fg-muted">{i.instructions}</div>}
            {i.dispensedQuantity > 0 && <div className="text-fg-muted">{t("signed.dispensed", { dispensed: i.dispensedQuantity, quantity: i.quantity })}</div>}
          </li>
        ))}
      </ol>
      {p.notes && <p className="text-sm">{p.notes}</p>}
      <div className="flex flex-wrap gap-2">
        {p.document && <a className={buttonClasses({ variant: "secondary", size: "sm" })} href={documentPdfUrl(p.document.id)} download>{t("signed.download")}</a>}
        {canManage && signed && p.items.some((i) => i.continuousUse) && (
          <Button size="sm" variant="secondary" disabled={busy}
            onClick={() => void run(() => actions.renew(p.id, { medicalRecordId }), t("signed.renewed"))}>{t("signed.renew")}</Button>
        )}
        {canManage && signed && !cancelling && <Button size="sm" variant="ghost" onClick={() => setCancelling(true)}>{t("signed.cancel")}</Button>}
      </div>
      {cancelling && (
        <div className="space-y-2">
          <FormField id={`rx-cancel-${p.id.slice(-6)}`} label={t("signed.cancelReason")} required>
            {(f) => <textarea {...f} rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} className={controlClasses("py-2")} />}
          </FormField>
          <Button size="sm" variant="danger" disabled={busy || !reason.trim()}
            onClick={() => void run(() => actions.cancel(p.id, { reason }), t("signed.cancelled"))}>{t("signed.cancelConfirm")}</Button>
        </div>
      )}
    </div>
  );
}
