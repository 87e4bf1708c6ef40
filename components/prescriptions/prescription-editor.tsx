"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { useFieldArray, useForm, useWatch, type FieldPath } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/control-classes";
import { FormField } from "@/components/ui/form-field";
import { unitKeyOf } from "@/lib/prescriptions/rules/units";
import { updatePrescriptionSchema, type PrescriptionView } from "@/lib/prescriptions/schemas";
import { emptyItem, ItemFields, type EditorFormValues, type ItemFormValues } from "./item-fields";
import { OverrideDialog } from "./override-dialog";
import { SafetyPanel } from "./safety-panel";
import type { PrescriptionActions, SafetyPreview } from "./types";

// The draft editor: items through react-hook-form, checked with the domain's own schema before
// saving; live safety alerts and the forced kind on every change of the medications (a server
// action, debounced); signing only once saved, with a reason for every blocking finding and
// nothing this app must not issue.

const PREVIEW_DELAY_MS = 400;

const toForm = (p: PrescriptionView): EditorFormValues => ({
  notes: p.notes ?? "",
  items: p.items.map((i): ItemFormValues => ({
    medication: i.medication, drugName: i.drugName, activeIngredient: i.activeIngredient ?? "", presentation: i.presentation ?? "",
    dose: i.dose, doseUnit: i.doseUnit, route: i.route, frequency: i.frequency, duration: i.duration ?? "",
    durationDays: i.durationDays ? String(i.durationDays) : "", quantity: String(i.quantity),
    quantityUnit: (i.quantityUnitKey ?? unitKeyOf(i.quantityUnit) ?? "unidade") as ItemFormValues["quantityUnit"],
    instructions: i.instructions ?? "", continuousUse: i.continuousUse,
  })),
});

const numberOrText = (v: string) => (v.trim() === "" ? null : /^\d+$/.test(v.trim()) ? Number(v.trim()) : v);
const toInput = (v: EditorFormValues, version: number) => ({
  version,
  notes: v.notes,
  items: v.items.map((i) => ({
    medication: i.medication, drugName: i.drugName, activeIngredient: i.activeIngredient, presentation: i.presentation,
    dose: i.dose, doseUnit: i.doseUnit, route: i.route, frequency: i.frequency, duration: i.duration,
    durationDays: numberOrText(i.durationDays), quantity: numberOrText(i.quantity) ?? "", quantityUnit: i.quantityUnit,
    instructions: i.instructions, continuousUse: i.continuousUse,
  })),
});

type Props = {
  prescription: PrescriptionView;
  actions: PrescriptionActions;
  /** prescriptions:sign; without it the draft can be written and saved, not signed. */
  canSign: boolean;
  /** Renders the catalogue picker for item `index` (sets medication, drugName, activeIngredient, presentation). */
  renderPicker?: (index: number, apply: (pick: Pick<ItemFormValues, "medication" | "drugName" | "activeIngredient" | "presentation">) => void) => React.ReactNode;
};

export function PrescriptionEditor({ prescription, actions, canSign, renderPicker }: Props) {
  const t = useTranslations("prescriptions");
  const router = useRouter();
  const [version, setVersion] = useState(prescription.version);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [preview, setPreview] = useState<SafetyPreview | null>(null);
  // The items the shown alerts are for: while they differ from the items typed, a check is pending.
  const [checkedKey, setCheckedKey] = useState<string | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [overrides, setOverrides] = useState<Record<string, string>>({});
  const [dialogOpen, setDialogOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useForm<EditorFormValues>({ defaultValues: toForm(prescription) });
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "items" });
  const idPrefix = `rx-${prescription.id.slice(-6)}`;

  const items = useWatch({ control: form.control, name: "items" });
  const previewKey = useMemo(() => JSON.stringify(items.map((i) => [i.medication, i.drugName, i.activeIngredient, i.route, i.continuousUse])), [items]);
  const seq = useRef(0);
  const previewAction = useRef(actions.preview);
  useEffect(() => { previewAction.current = actions.preview; }, [actions.preview]);
  useEffect(() => {
    const mine = ++seq.current;
    const timer = setTimeout(async () => {
      const result = await previewAction.current({
        patientId: prescription.patient.id, excludePrescriptionId: prescription.id,
        items: (JSON.parse(previewKey) as [ItemFormValues["medication"], string, string, string, boolean][]).map(([medication, drugName, activeIngredient, route, continuousUse]) => ({ medication, drugName, activeIngredient, route, continuousUse })),
      });
      if (mine !== seq.current) return;
      setCheckedKey(previewKey);
      if (result.ok) { setPreview(result.preview); setPreviewError(null); } else setPreviewError(result.message);
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [previewKey, prescription.id, prescription.patient.id]);

  const checking = checkedKey !== previewKey;
  const blocking = preview?.findings.filter((f) => f.blocking) ?? [];
  const missingReasons = blocking.filter((f) => !overrides[f.key]?.trim());
  const refused = (preview?.kind.refusals.length ?? 0) > 0;
  const dirty = form.formState.isDirty;

  const showFieldErrors = (fields: Record<string, string[]> | undefined) => {
    for (const [path, messages] of Object.entries(fields ?? {})) form.setError(path as FieldPath<EditorFormValues>, { message: messages[0] });
  };

  async function save(): Promise<boolean> {
    setMessage(null);
    form.clearErrors();
    const values = form.getValues();
    const input = toInput(values, version);
    const parsed = updatePrescriptionSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) form.setError(issue.path.join(".") as FieldPath<EditorFormValues>, { message: issue.message });
      return false;
    }
    const result = await actions.save(prescription.id, input);
    if (!result.ok) { showFieldErrors(result.fields); setMessage({ ok: false, text: result.message }); return false; }
    setVersion(result.version);
    form.reset(values);
    setMessage({ ok: true, text: t("editor.saved") });
    return true;
  }

  async function sign() {
    setBusy(true);
    const given = Object.entries(overrides).filter(([key, reason]) => reason.trim() && preview?.findings.some((f) => f.key === key));
    const result = await actions.sign(prescription.id, { version, overrides: given.map(([findingKey, reason]) => ({ findingKey, reason })) });
    setBusy(false);
    if (!result.ok) { setMessage({ ok: false, text: result.message }); return; }
    setMessage({ ok: true, text: t("editor.signed") });
    router.refresh();
  }

  const signDisabled = !canSign || busy || dirty || items.length === 0 || refused || missingReasons.length > 0 || checking;
  return (
    <form aria-label={t("editor.label")} noValidate onSubmit={(e) => { e.preventDefault(); void save(); }} className="space-y-4">
      {message && <Alert tone={message.ok ? "success" : "danger"}>{message.text}</Alert>}
      {fields.map((field, index) => (
        <ItemFields key={field.id} form={form} index={index} idPrefix={idPrefix} onRemove={() => remove(index)}
          picker={renderPicker?.(index, (pick) => {
            for (const k of ["drugName", "activeIngredient", "presentation"] as const) form.setValue(`items.${index}.${k}`, pick[k], { shouldDirty: true });
            form.setValue(`items.${index}.medication`, pick.medication, { shouldDirty: true });
          })} />
      ))}
      <Button type="button" variant="secondary" onClick={() => append(emptyItem())}>{t("item.add")}</Button>
      <FormField id={`${idPrefix}-notes`} label={t("editor.notes")} error={form.formState.errors.notes?.message}>
        {(f) => <textarea {...f} rows={2} {...form.register("notes")} className={controlClasses("py-2")} />}
      </FormField>
      <SafetyPanel preview={preview} checking={checking} error={previewError} overrides={overrides} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" variant="secondary" loading={form.formState.isSubmitting}>{t("editor.save")}</Button>
        {blocking.length > 0 && <Button type="button" variant="secondary" onClick={() => setDialogOpen(true)}>{t("editor.justify")}</Button>}
        <Button type="button" onClick={() => void sign()} disabled={signDisabled} loading={busy}>{t("editor.sign")}</Button>
      </div>
      {dirty && <p className="text-sm text-fg-muted">{t("editor.unsaved")}</p>}
      {items.length === 0 && <p className="text-sm text-fg-muted">{t("editor.noItems")}</p>}
      {refused && <p className="text-sm text-danger-fg">{t("editor.signRefused")}</p>}
      {missingReasons.length > 0 && <p className="text-sm text-danger-fg">{t("editor.signBlocked")}</p>}
      {dialogOpen && (
        <OverrideDialog findings={blocking} initial={overrides} onClose={() => setDialogOpen(false)}
          onConfirm={(reasons) => { setOverrides(reasons); setDialogOpen(false); }} />
      )}
    </form>
  );
}
