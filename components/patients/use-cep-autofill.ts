"use client";

import { useEffect, useRef, useState } from "react";
import { useWatch, type Control, type UseFormGetValues, type UseFormSetValue } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";
import type { CepAddress } from "@/lib/address/cep-lookup";
import { normalizeCep } from "@/lib/patients/br-input";
import type { PatientCreateInput } from "@/lib/patients/record-schemas";

export type CepLookupAction = (cep: unknown) => Promise<ActionResult<{ address: CepAddress | null }>>;

type Form = { control: Control<PatientCreateInput>; getValues: UseFormGetValues<PatientCreateInput>; setValue: UseFormSetValue<PatientCreateInput> };

/**
 * Once a complete CEP is typed, asks for its address and fills the street, district, city and
 * UF the person has left empty (never what they typed). Answers whether it filled anything, for
 * the form to say so. Without `lookup` (or with the clinic's lookup off) nothing happens.
 */
export function useCepAutofill({ control, getValues, setValue }: Form, lookup?: CepLookupAction): boolean {
  const cep = normalizeCep(useWatch({ control, name: "cep" }) ?? "");
  const asked = useRef<string | null>(null);
  const [filled, setFilled] = useState(false);
  useEffect(() => {
    if (!lookup || !cep || asked.current === cep) return;
    asked.current = cep;
    let live = true;
    void lookup(cep).then((r) => {
      if (!live || !r.ok || !r.address) return;
      const found = { street: r.address.street, district: r.address.district, city: r.address.city, uf: r.address.uf };
      let any = false;
      for (const [field, value] of Object.entries(found) as [keyof typeof found, string | null][]) {
        if (value && !getValues(field)) { setValue(field, value, { shouldDirty: true }); any = true; }
      }
      setFilled(any);
    });
    return () => { live = false; };
  }, [cep, lookup, getValues, setValue]);
  return filled;
}
