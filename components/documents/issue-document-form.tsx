"use client";

// Issues one of the chart's documents: the doctor picks the kind, fills its fields and signs.
// The server validates again (lib/documents/schemas.ts) and answers field errors, shown under
// each field; the TUSS list is the curated one of lib/documents/kinds/tuss.ts.

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/control-classes";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ActionResult } from "@/lib/action-result";
import { TUSS_EXAMS } from "@/lib/documents/kinds/tuss";
import { CHART_DOCUMENT_KINDS, type ChartDocumentKind } from "@/lib/documents/types";

export type IssueAction = (recordId: string, input: unknown) => Promise<ActionResult<{ documentId: string; verificationCode: string }>>;

type Exam = { tussCode: string | null; name: string };
type Fields = Record<string, string[]>;

const todayIn = (timeZone: string) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());

export function IssueDocumentForm({ recordId, issue, onIssued, timeZone = "America/Sao_Paulo" }: {
  recordId: string; issue: IssueAction; onIssued: (message: string) => void; timeZone?: string;
}) {
  const t = useTranslations("documents");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [kind, setKind] = useState<ChartDocumentKind | "">("");
  const [v, setV] = useState<Record<string, string>>({});
  const [consent, setConsent] = useState(false);
  const [exams, setExams] = useState<Exam[]>([]);
  const [fields, setFields] = useState<Fields>({});
  const [error, setError] = useState<string | null>(null);
  const set = (name: string) => (e: { target: { value: string } }) => setV((old) => ({ ...old, [name]: e.target.value }));
  const value = (name: string, fallback = "") => v[name] ?? fallback;
  const today = todayIn(timeZone);
  const err = (name: string) => fields[name]?.[0];

  const input = (): unknown => {
    switch (kind) {
      case "MEDICAL_CERTIFICATE": return { kind, startDate: value("startDate", today), days: Number(value("days", "1")), cid10: value("cid10") || null, cid10Consent: consent };
      case "ATTENDANCE_DECLARATION": return { kind, date: value("date", today), arrivedAt: value("arrivedAt"), leftAt: value("leftAt") };
      case "EXAM_REQUEST": return { kind, exams, clinicalIndication: value("indication") || null };
      case "REFERRAL": return { kind, specialty: value("specialty"), professional: value("professional") || null, reason: value("reason"), clinicalSummary: value("summary") };
      default: return { kind };
    }
  };
  const submit = () => start(async () => {
    setError(null);
    setFields({});
    const r = await issue(recordId, input());
    if (!r.ok) {
      setFields(r.fields ?? {});
      return setError(r.message);
    }
    onIssued(t("panel.issued", { kind: t(`kinds.${kind as ChartDocumentKind}`), code: r.verificationCode.match(/.{4}/g)!.join("-") }));
    setKind("");
    setV({});
    setExams([]);
    setConsent(false);
    router.refresh();
  });

  const text = (name: string, label: string, props: { type?: string; required?: boolean } = {}, fallback = "") => (
    <FormField label={label} error={err(name)} required={props.required}>
      {(f) => <Input {...f} type={props.type ?? "text"} value={value(name, fallback)} onChange={set(name)} />}
    </FormField>
  );
  const area = (name: string, label: string, required = false) => (
    <FormField label={label} error={err(name)} required={required}>
      {(f) => <textarea {...f} rows={3} className={controlClasses("py-2")} value={value(name)} onChange={set(name)} />}
    </FormField>
  );

  return (
    <form className="space-y-3 border-t border-border pt-4" onSubmit={(e) => { e.preventDefault(); submit(); }} aria-label={t("panel.issue")}>
      <FormField label={t("panel.kind")} error={err("kind")}>
        {(f) => (
          <Select {...f} value={kind} placeholder={t("panel.issue")} onChange={(e) => setKind(e.target.value as ChartDocumentKind)}
            options={CHART_DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        )}
      </FormField>
      {kind === "MEDICAL_CERTIFICATE" && (
        <>
          {text("startDate", t("panel.certificate.startDate"), { type: "date", required: true }, today)}
          {text("days", t("panel.certificate.days"), { type: "number", required: true }, "1")}
          <FormField label={t("panel.certificate.cid10")} error={err("cid10")} hint={t("panel.certificate.cid10Hint")}>
            {(f) => <Input {...f} value={value("cid10")} onChange={set("cid10")} maxLength={6} />}
          </FormField>
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} className="mt-1" />
            <span>{t("panel.certificate.cid10Consent")}</span>
          </label>
          {err("cid10Consent") && <Alert tone="danger">{err("cid10Consent")}</Alert>}
        </>
      )}
      {kind === "ATTENDANCE_DECLARATION" && (
        <>
          {text("date", t("panel.attendance.date"), { type: "date", required: true }, today)}
          {text("arrivedAt", t("panel.attendance.arrivedAt"), { type: "time", required: true })}
          {text("leftAt", t("panel.attendance.leftAt"), { type: "time", required: true })}
        </>
      )}
      {kind === "EXAM_REQUEST" && <ExamsField exams={exams} setExams={setExams} error={err("exams")} />}
      {kind === "EXAM_REQUEST" && area("indication", t("panel.exams.indication"))}
      {kind === "REFERRAL" && (
        <>
          {text("specialty", t("panel.referral.specialty"), { required: true })}
          {text("professional", t("panel.referral.professional"))}
          {area("reason", t("panel.referral.reason"), true)}
          {area("summary", t("panel.referral.summary"), true)}
        </>
      )}
      {error && <Alert tone="danger">{error}</Alert>}
      {kind && <Button type="submit" loading={pending}>{t("panel.submit")}</Button>}
    </form>
  );
}

function ExamsField({ exams, setExams, error }: { exams: Exam[]; setExams: (e: Exam[]) => void; error?: string }) {
  const t = useTranslations("documents.panel.exams");
  const [code, setCode] = useState("");
  const [free, setFree] = useState("");
  const add = (exam: Exam) => setExams([...exams, exam]);
  return (
    <div className="space-y-2">
      <div className="flex items-end gap-2">
        <FormField label={t("pick")} className="flex-1" hint={t("source")}>
          {(f) => <Select {...f} value={code} placeholder={t("pickNone")} onChange={(e) => setCode(e.target.value)}
            options={TUSS_EXAMS.map((e) => ({ value: e.code, label: `${e.name} (${e.code})` }))} />}
        </FormField>
        <Button type="button" variant="secondary" onClick={() => { const e = TUSS_EXAMS.find((x) => x.code === code); if (e) add({ tussCode: e.code, name: e.name }); setCode(""); }}>{t("add")}</Button>
      </div>
      <div className="flex items-end gap-2">
        <FormField label={t("free")} className="flex-1">
          {(f) => <Input {...f} value={free} maxLength={200} onChange={(e) => setFree(e.target.value)} />}
        </FormField>
        <Button type="button" variant="secondary" onClick={() => { if (free.trim()) add({ tussCode: null, name: free.trim() }); setFree(""); }}>{t("addFree")}</Button>
      </div>
      <p className="text-sm font-medium">{t("list")}</p>
      {exams.length === 0 ? <p className="text-sm text-fg-muted">{t("none")}</p> : (
        <ul className="space-y-1 text-sm">
          {exams.map((e, i) => (
            <li key={`${e.tussCode ?? e.name}-${i}`} className="flex items-center justify-between gap-2">
              <span>{e.name}{e.tussCode ? ` — TUSS ${e.tussCode}` : ""}</span>
              <Button type="button" variant="ghost" size="sm" aria-label={t("remove", { name: e.name })} onClick={() => setExams(exams.filter((_, j) => j !== i))}>×</Button>
            </li>
          ))}
        </ul>
      )}
      {error && <Alert tone="danger">{error}</Alert>}
    </div>
  );
}
