"use client";

import { useState } from "react";
import { Cid10Picker } from "@/components/ehr/cid10-picker";
import type { Cid10SearchAction } from "@/components/ehr/use-cid10-search";
import type { Cid10Match, DiagnosisDraft } from "@/lib/ehr/cid10/schemas";
import type { DiagnosisInput, DiagnosisView } from "@/lib/ehr/records/schemas";

// The chart's diagnoses through the CID-10 picker (components/ehr/cid10-picker). The picker edits
// its own draft shape (description, role, lower-case certainty); the record saves { code, isMain,
// certainty }. Descriptions seen once are remembered so the list shows them after a reload.

type Props = {
  value: DiagnosisInput[]; known: DiagnosisView[]; patientSex: "F" | "M" | null; disabled: boolean;
  searchAction: Cid10SearchAction; onChange: (next: DiagnosisInput[]) => void;
};

export function DiagnosesField({ value, known, patientSex, disabled, searchAction, onChange }: Props) {
  const [meta, setMeta] = useState(() => new Map<string, Cid10Match>(known.map((k) => [k.code, { code: k.code, description: k.description, isCategory: k.isCategory, sexRestriction: k.sexRestriction }])));
  const drafts: DiagnosisDraft[] = value.map((d) => ({
    ...(meta.get(d.code) ?? { code: d.code, description: "", isCategory: false, sexRestriction: null }),
    role: d.isMain ? "main" : "secondary",
    certainty: d.certainty === "SUSPECTED" ? "suspected" : "confirmed",
  }));
  const change = (next: DiagnosisDraft[]) => {
    setMeta(new Map([...meta, ...next.map((d): [string, Cid10Match] => [d.code, { code: d.code, description: d.description, isCategory: d.isCategory, sexRestriction: d.sexRestriction }])]));
    onChange(next.map((d) => ({ code: d.code, isMain: d.role === "main", certainty: d.certainty === "suspected" ? "SUSPECTED" : "CONFIRMED" })));
  };
  return <Cid10Picker value={drafts} onChange={change} patientSex={patientSex} searchAction={searchAction} disabled={disabled} />;
}
