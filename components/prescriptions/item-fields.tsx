"use client";

import { useTranslations } from "next-intl";
import { useWatch, type UseFormReturn } from "react-hook-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/control-classes";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { REGIMEN_TEMPLATES } from "@/lib/prescriptions/rules/templates";
import { quantityText, QUANTITY_UNIT_KEYS, MAX_QUANTITY, type QuantityUnitKey } from "@/lib/prescriptions/rules/units";
import type { MedicationRef } from "@/lib/prescriptions/schemas";

// One item of the editor: the medication (catalogue or free text, flagged as such), posology
// (a preset fills frequency and duration), the quantity with its words as they will be printed,
// instructions and continuous use.

export type ItemFormValues = {
  medication: MedicationRef | null;
  drugName: string;
  activeIngredient: string;
  presentation: string;
  dose: string; doseUnit: string; route: string; frequency: string;
  duration: string; durationDays: string;
  quantity: string; quantityUnit: QuantityUnitKey;
  instructions: string;
  continuousUse: boolean;
};
export type EditorFormValues = { items: ItemFormValues[]; notes: string };

export const emptyItem = (): ItemFormValues => ({
  medication: null, drugName: "", activeIngredient: "", presentation: "", dose: "1", doseUnit: "comprimido", route: "oral",
  frequency: "", duration: "", durationDays: "", quantity: "1", quantityUnit: "caixa", instructions: "", continuousUse: false,
});

function wordsOf(quantity: string, unit: QuantityUnitKey): string | null {
  const n = Number(quantity);
  if (!Number.isInteger(n) || n < 1 || n > MAX_QUANTITY) return null;
  const q = quantityText(n, unit);
  return `${q.words} ${q.unit}`;
}

type Props = {
  form: UseFormReturn<EditorFormValues>;
  index: number;
  idPrefix: string;
  onRemove: () => void;
  /** The medication picker (catalogue search), rendered in place of the free-text name when given. */
  picker?: React.ReactNode;
};

export function ItemFields({ form, index, idPrefix, onRemove, picker }: Props) {
  const t = useTranslations("prescriptions");
  const { register, setValue, formState: { errors } } = form;
  const err = (field: keyof ItemFormValues) => errors.items?.[index]?.[field]?.message as string | undefined;
  const id = (field: string) => `${idPrefix}-${index}-${field}`;
  const name = <K extends keyof ItemFormValues>(field: K) => `items.${index}.${field}` as const;
  const [medication, quantity, unit] = useWatch({ control: form.control, name: [name("medication"), name("quantity"), name("quantityUnit")] });
  const words = wordsOf(quantity, unit);

  const applyRegimen = (key: string) => {
    const r = REGIMEN_TEMPLATES.find((x) => x.key === key);
    if (!r) return;
    setValue(name("frequency"), r.frequency, { shouldDirty: true });
    setValue(name("duration"), r.duration ?? "", { shouldDirty: true });
    setValue(name("durationDays"), r.durationDays ? String(r.durationDays) : "", { shouldDirty: true });
    setValue(name("continuousUse"), r.continuousUse, { shouldDirty: true });
  };

  return (
    <fieldset className="space-y-3 rounded-md border border-border p-3" aria-label={t("item.heading", { n: index + 1 })}>
      <legend className="flex items-center gap-2 px-1 text-sm font-semibold">
        {t("item.heading", { n: index + 1 })}
        <Badge tone={medication ? "brand" : "warning"}>{medication ? t("item.fromCatalogue") : t("item.freeText")}</Badge>
      </legend>
      {picker}
      {medication && (
        <Button type="button" variant="ghost" size="sm" onClick={() => setValue(name("medication"), null, { shouldDirty: true })}>{t("item.useFreeText")}</Button>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id={id("drugName")} label={t("item.medication")} error={err("drugName")} required hint={medication ? undefined : t("item.freeTextHint")}>
          {(f) => <Input {...f} {...register(name("drugName"))} readOnly={!!medication} />}
        </FormField>
        <FormField id={id("activeIngredient")} label={t("item.activeIngredient")} error={err("activeIngredient")}>
          {(f) => <Input {...f} {...register(name("activeIngredient"))} readOnly={!!medication} />}
        </FormField>
        <FormField id={id("presentation")} label={t("item.presentation")} error={err("presentation")}>
          {(f) => <Input {...f} {...register(name("presentation"))} />}
        </FormField>
        <FormField id={id("regimen")} label={t("item.regimen")}>
          {(f) => <Select {...f} placeholder="—" defaultValue="" onChange={(e) => applyRegimen(e.target.value)}
            options={REGIMEN_TEMPLATES.map((r) => ({ value: r.key, label: t(`regimens.${r.key}` as "regimens.q8h7d") }))} />}
        </FormField>
      </div>
      <div className="grid gap-3 sm:grid-cols-4">
        <FormField id={id("dose")} label={t("item.dose")} error={err("dose")} required>
          {(f) => <Input {...f} {...register(name("dose"))} />}
        </FormField>
        <FormField id={id("doseUnit")} label={t("item.doseUnit")} error={err("doseUnit")} required>
          {(f) => <Input {...f} {...register(name("doseUnit"))} />}
        </FormField>
        <FormField id={id("route")} label={t("item.route")} error={err("route")} required>
          {(f) => <Input {...f} {...register(name("route"))} />}
        </FormField>
        <FormField id={id("frequency")} label={t("item.frequency")} error={err("frequency")} required>
          {(f) => <Input {...f} {...register(name("frequency"))} />}
        </FormField>
        <FormField id={id("duration")} label={t("item.duration")} error={err("duration")}>
          {(f) => <Input {...f} {...register(name("duration"))} />}
        </FormField>
        <FormField id={id("durationDays")} label={t("item.durationDays")} error={err("durationDays")}>
          {(f) => <Input {...f} inputMode="numeric" {...register(name("durationDays"))} />}
        </FormField>
        <FormField id={id("quantity")} label={t("item.quantity")} error={err("quantity")} required hint={words ? t("item.quantityWords", { words }) : undefined}>
          {(f) => <Input {...f} inputMode="numeric" {...register(name("quantity"))} />}
        </FormField>
        <FormField id={id("quantityUnit")} label={t("item.quantityUnit")} error={err("quantityUnit")} required>
          {(f) => <Select {...f} {...register(name("quantityUnit"))} options={QUANTITY_UNIT_KEYS.map((u) => ({ value: u, label: t(`units.${u}`) }))} />}
        </FormField>
      </div>
      <FormField id={id("instructions")} label={t("item.instructions")} error={err("instructions")}>
        {(f) => <textarea {...f} rows={2} {...register(name("instructions"))} className={controlClasses("py-2")} />}
      </FormField>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" {...register(name("continuousUse"))} /> {t("item.continuousUse")}
        </label>
        <Button type="button" variant="ghost" size="sm" onClick={onRemove}>{t("item.remove", { n: index + 1 })}</Button>
      </div>
    </fieldset>
  );
}
