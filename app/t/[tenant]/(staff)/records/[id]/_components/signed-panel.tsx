"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { controlClasses } from "@/components/ui/control-classes";
import type { ActionResult } from "@/lib/action-result";
import type { RecordView } from "@/lib/ehr/records/schemas";
import type { RecordVerification } from "@/lib/ehr/records/verify";
import { formatDateTime } from "@/lib/format/date";

type Props = {
  record: RecordView; timeZone: string; canAmend: boolean;
  verify: (id: string) => Promise<ActionResult<{ result: RecordVerification }>>;
  addendum: (id: string, input: unknown) => Promise<ActionResult<{ id: string }>>;
};

/** A signed note: "verificar assinatura", its addenda, and a new addendum by the author. */
export function SignedPanel({ record, timeZone, canAmend, verify, addendum }: Props) {
  const t = useTranslations("records");
  const ts = useTranslations("ehrSigning.problems");
  const tp = useTranslations("records.problems");
  // Problem codes as words: the signer's own (ehrSigning.problems) or the record's (records.problems).
  const problem = (code: string) => (tp.has(code as never) ? tp(code as never) : ts.has(code as never) ? ts(code as never) : code);
  const router = useRouter();
  const [pending, start] = useTransition();
  const [check, setCheck] = useState<RecordVerification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState("");
  const runVerify = () => start(async () => {
    const r = await verify(record.id);
    if (r.ok) setCheck(r.result); else setError(r.message);
  });
  const submit = () => start(async () => {
    setError(null);
    const r = await addendum(record.id, { text });
    if (r.ok) { setText(""); router.refresh(); } else setError(r.fields?.text?.[0] ?? r.message);
  });
  return (
    <div className="space-y-4">
      <Card>
        <CardBody className="space-y-2">
          <Button variant="secondary" loading={pending && !text} onClick={runVerify}>{t("sign.verify")}</Button>
          {check && (
            <div data-testid="verification" className="space-y-1 text-sm">
              <Alert tone={check.valid ? "success" : "danger"}>
                {check.valid ? t("sign.valid") : t("sign.invalid", { problems: check.problems.map(problem).join(" ") })}
              </Alert>
              <p>{t("sign.by", { name: check.signedBy.name, date: formatDateTime(check.signedAt, timeZone) })}</p>
              {check.certificate && (
                <p>{t("sign.certificate", { serial: check.certificate.serialNumber, subject: check.certificate.subject, issuer: check.certificate.issuer, to: formatDateTime(check.certificate.notAfter, timeZone) })}</p>
              )}
              <p className="font-mono text-xs break-all">{t("sign.hash", { hash: check.contentHash })}</p>
            </div>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("addendum.title")} />
        <CardBody className="space-y-3">
          {record.addenda.length === 0 ? <p className="text-sm text-fg-muted">{t("addendum.none")}</p> : (
            <ol className="space-y-2" data-testid="addenda">
              {record.addenda.map((a) => (
                <li key={a.id} className="rounded-md border border-border p-3 text-sm">
                  <p className="whitespace-pre-wrap">{a.text}</p>
                  <p className="mt-1 text-xs text-fg-muted">{t("addendum.by", { name: a.doctorName, date: a.signedAt ? formatDateTime(a.signedAt, timeZone) : "" })}</p>
                </li>
              ))}
            </ol>
          )}
          {error && <Alert tone="danger">{error}</Alert>}
          {canAmend && (
            <form className="space-y-2" onSubmit={(e) => { e.preventDefault(); submit(); }}>
              <label htmlFor="addendum-text" className="text-sm font-medium">{t("addendum.text")}</label>
              <textarea id="addendum-text" rows={3} className={controlClasses("py-2")} value={text} maxLength={20000} onChange={(e) => setText(e.target.value)} />
              <Button type="submit" loading={pending && !!text}>{t("addendum.submit")}</Button>
            </form>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
