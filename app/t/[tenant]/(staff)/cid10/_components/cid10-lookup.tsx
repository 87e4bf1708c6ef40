"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Cid10Picker } from "@/components/ehr/cid10-picker";
import type { Cid10SearchAction } from "@/components/ehr/use-cid10-search";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { DiagnosisDraft, Sex } from "@/lib/ehr/cid10/schemas";

/** The picker with a sex to check the table's restrictions against (no patient, nothing saved). */
export function Cid10Lookup({ searchAction }: { searchAction: Cid10SearchAction }) {
  const t = useTranslations("ehrCid10.lookup");
  const [value, setValue] = useState<DiagnosisDraft[]>([]);
  const [sex, setSex] = useState<Sex | "">("");
  return (
    <div className="max-w-3xl space-y-4">
      <div className="max-w-xs space-y-1">
        <Label htmlFor="cid10-sex">{t("sex")}</Label>
        <Select id="cid10-sex" value={sex} onChange={(e) => setSex(e.target.value as Sex | "")}
          options={[{ value: "", label: t("sexUnknown") }, { value: "F", label: t("sexF") }, { value: "M", label: t("sexM") }]} />
      </div>
      <Cid10Picker value={value} onChange={setValue} patientSex={sex || null} searchAction={searchAction} />
    </div>
  );
}
