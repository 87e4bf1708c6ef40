"use client";

// The Documents panel of an encounter's chart: what was issued (kind, date, code, status), a
// download link per document (GET /api/v1/documents/{id}/pdf, each download logged by the
// server), cancel with a reason for the author, and the form that issues a new one. `initial`
// is what listRecordDocuments returned on the server (that call logs the read).

import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { controlClasses } from "@/components/ui/control-classes";
import type { ActionResult } from "@/lib/action-result";
import type { DocumentDto } from "@/lib/documents/types";
import { IssueDocumentForm, type IssueAction } from "./issue-document-form";

export type CancelAction = (documentId: string, input: unknown) => Promise<ActionResult<{ id: string }>>;

type Props = {
  recordId: string;
  initial: DocumentDto[];
  userId: string | null;
  canIssue: boolean;
  timeZone: string;
  issue: IssueAction;
  cancel: CancelAction;
};

export function DocumentsPanel({ recordId, initial, userId, canIssue, timeZone, issue, cancel }: Props) {
  const t = useTranslations("documents");
  const format = useFormatter();
  const titleId = useId();
  const [notice, setNotice] = useState<string | null>(null);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "short" });
  return (
    <Card aria-labelledby={titleId} data-testid="documents-panel">
      <CardHeader titleId={titleId} title={t("panel.title")} as="h3" />
      <CardBody className="space-y-4">
        {initial.length === 0 ? <p className="text-sm text-fg-muted">{t("panel.empty")}</p> : (
          <ul className="divide-y divide-border">
            {initial.map((d) => (
              <li key={d.id} className="space-y-1 py-2 text-sm" data-testid="document-row">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium">{t(`kinds.${d.kind}`)}</span>
                  <Badge tone={d.status === "ISSUED" ? "success" : "danger"}>{t(`statuses.${d.status}`)}</Badge>
                </div>
                <p className="text-fg-muted">{t("panel.issuedAt", { date: when(d.issuedAt) })} · {t("panel.code", { code: d.verificationCode.match(/.{4}/g)!.join("-") })}</p>
                <div className="flex flex-wrap items-center gap-3">
                  <a href={d.pdfUrl} className="font-medium text-brand-700 underline" aria-label={t("panel.download", { kind: t(`kinds.${d.kind}`), date: when(d.issuedAt) })}>
                    {t("panel.downloadShort")}
                  </a>
                  {d.status === "ISSUED" && d.doctor.id === userId && <CancelControl id={d.id} cancel={cancel} onDone={() => setNotice(t("panel.cancelled"))} />}
                </div>
              </li>
            ))}
          </ul>
        )}
        {notice && <Alert tone="success">{notice}</Alert>}
        {canIssue && <IssueDocumentForm recordId={recordId} issue={issue} timeZone={timeZone} onIssued={(message) => setNotice(message)} />}
      </CardBody>
    </Card>
  );
}

function CancelControl({ id, cancel, onDone }: { id: string; cancel: CancelAction; onDone: () => void }) {
  const t = useTranslations("documents.panel");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const fieldId = useId();
  if (!open) return <Button variant="ghost" size="sm" onClick={() => setOpen(true)}>{t("cancel")}</Button>;
  const submit = () => start(async () => {
    const r = await cancel(id, { reason });
    if (!r.ok) return setError(r.fields?.reason?.[0] ?? r.message);
    setOpen(false);
    onDone();
    router.refresh();
  });
  return (
    <form className="w-full space-y-2" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <label htmlFor={fieldId} className="text-sm font-medium">{t("cancelReason")}</label>
      <textarea id={fieldId} rows={2} maxLength={500} className={controlClasses("py-2")} value={reason} onChange={(e) => setReason(e.target.value)} />
      {error && <Alert tone="danger">{error}</Alert>}
      <div className="flex gap-2">
        <Button type="submit" variant="danger" size="sm" loading={pending}>{t("confirmCancel")}</Button>
        <Button type="button" variant="secondary" size="sm" onClick={() => setOpen(false)}>{t("keep")}</Button>
      </div>
    </form>
  );
}
