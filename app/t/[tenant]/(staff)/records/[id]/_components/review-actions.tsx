"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { RecordView } from "@/lib/ehr/records/schemas";

/** Submit (author of a note under review) or approve / return with a comment (another doctor). */
export function ReviewActions({ record, editable, canReview, pending, onStep }: {
  record: RecordView; editable: boolean; canReview: boolean; pending: boolean; onStep: (input: Record<string, unknown>) => void;
}) {
  const t = useTranslations("records.review");
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState("");
  if (record.needsReview && editable) return <Button loading={pending} onClick={() => onStep({ action: "submit" })}>{t("submit")}</Button>;
  if (!canReview || record.status !== "PENDING_REVIEW") return null;
  return (
    <div className="flex flex-wrap items-end gap-2">
      <Button loading={pending} onClick={() => onStep({ action: "approve" })}>{t("approve")}</Button>
      {!returning && <Button variant="secondary" onClick={() => setReturning(true)}>{t("return")}</Button>}
      {returning && (
        <form className="flex items-end gap-2" onSubmit={(e) => { e.preventDefault(); onStep({ action: "return", comment }); }}>
          <FormField label={t("comment")} required className="min-w-72">
            {(f) => <Input {...f} value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />}
          </FormField>
          <Button type="submit" variant="danger" loading={pending}>{t("confirmReturn")}</Button>
        </form>
      )}
    </div>
  );
}
