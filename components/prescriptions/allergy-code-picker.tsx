"use client";

/**
 * Optional coding of an allergy to a catalogue ingredient or class (the allergy form of the
 * patient record). A combobox listing the classes whose label matches what was typed first
 * ("penicilinas", "sulfonamidas", "AINEs"), then ingredients from the catalogue search. The free
 * text of the allergy stays the record; this only adds what the safety check can match exactly.
 *
 * Props: `value` ({ ingredientId, drugClass, label } or null), `onChange(next)`, `searchAction`
 * (`searchIngredientsAction` from app/t/[tenant]/(staff)/_actions/medications.ts), `id?`,
 * `disabled?`, `classes?` (false: ingredients only, as the clinic items' form uses it), `label?`.
 */
import { useTranslations } from "next-intl";
import { useId, useMemo, useState, type KeyboardEvent } from "react";
import { clsx } from "clsx";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ALLERGY_CLASSES } from "@/lib/prescriptions/catalogue/classes";
import { drugSearchName } from "@/lib/prescriptions/catalogue/normalize";
import type { IngredientHit } from "@/lib/prescriptions/catalogue/schemas";
import { useCatalogueSearch, type CatalogueSearchAction } from "./use-catalogue-search";

export type AllergyCode = { ingredientId: string | null; drugClass: string | null; label: string };

type Option = { key: string; code: AllergyCode; kind: "class" | "ingredient" };

export function AllergyCodePicker({ value, onChange, searchAction, id = "allergy-code", disabled, classes = true, label }: {
  value: AllergyCode | null;
  onChange: (next: AllergyCode | null) => void;
  searchAction: CatalogueSearchAction<IngredientHit>;
  id?: string;
  disabled?: boolean;
  /** Offer classes besides ingredients (false: ingredients only, as for a clinic item). */
  classes?: boolean;
  label?: string;
}) {
  const t = useTranslations("prescriptionCatalogue");
  const listId = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const search = useCatalogueSearch(query, searchAction, 10);
  const q = drugSearchName(query);
  const classOptions = useMemo<Option[]>(() => (q && classes ? ALLERGY_CLASSES
    .map((c) => ({ c, label: t(`classes.${c}`) }))
    .filter(({ label: name }) => drugSearchName(name).includes(q))
    .map(({ c, label: name }) => ({ key: `class:${c}`, kind: "class" as const, code: { ingredientId: null, drugClass: c, label: name } })) : []), [q, t, classes]);
  const options: Option[] = [
    ...classOptions,
    ...(search.status === "done" ? search.results.map((i) => ({ key: `ingredient:${i.id}`, kind: "ingredient" as const, code: { ingredientId: i.id, drugClass: null, label: i.name } })) : []),
  ];
  const expanded = open && q !== "";
  const optionId = (i: number) => `${listId}-option-${i}`;
  const pick = (o: Option) => { onChange(o.code); setQuery(""); setOpen(false); setActive(-1); };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      if (options.length === 0) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i < 0 && step < 0 ? options.length - 1 : (i + step + options.length) % options.length));
    } else if (e.key === "Enter") {
      e.preventDefault();
      const chosen = options[active >= 0 ? active : 0];
      if (expanded && chosen) pick(chosen);
    } else if (e.key === "Escape") {
      if (expanded) setOpen(false);
      else setQuery("");
      setActive(-1);
    }
  };

  if (value) {
    return (
      <div className="space-y-1">
        <span className="text-sm font-medium">{label ?? t("ingredientPicker.label")}</span>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span>{t("ingredientPicker.coded", { label: value.label })}</span>
          <Button type="button" variant="ghost" size="sm" disabled={disabled} onClick={() => onChange(null)}>{t("ingredientPicker.clear")}</Button>
        </p>
      </div>
    );
  }
  return (
    <div className="relative space-y-1">
      <Label htmlFor={id}>{label ?? t("ingredientPicker.label")}</Label>
      <Input
        id={id} type="text" role="combobox" autoComplete="off" spellCheck={false} disabled={disabled} value={query} maxLength={80}
        placeholder={t("ingredientPicker.placeholder")} aria-label={label ? undefined : t("ingredientPicker.searchLabel")}
        aria-expanded={expanded} aria-controls={listId} aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 && active < options.length ? optionId(active) : undefined}
        onChange={(e) => { setQuery(e.target.value); setOpen(true); setActive(-1); }}
        onKeyDown={onKeyDown} onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" aria-label={t("ingredientPicker.searchLabel")} hidden={!expanded}
        className="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded-md border border-border bg-surface shadow-lg">
        {options.map((o, i) => (
          <li key={o.key} id={optionId(i)} role="option" aria-selected={i === active}
            onMouseDown={(e) => { e.preventDefault(); pick(o); }} onMouseEnter={() => setActive(i)}
            className={clsx("flex cursor-pointer items-baseline justify-between gap-2 px-3 py-2 text-sm", i === active && "bg-brand-50")}>
            <span>{o.code.label}</span>
            <span className="text-xs text-fg-muted">{t(`ingredientPicker.${o.kind}`)}</span>
          </li>
        ))}
        {search.status === "done" && options.length === 0 && (
          <li role="option" aria-selected={false} aria-disabled className="px-3 py-2 text-sm text-fg-muted">{t("ingredientPicker.noResults", { query: query.trim() })}</li>
        )}
      </ul>
    </div>
  );
}
