"use client";

/**
 * Medication picker for the prescription editor (issue 10, item 1): an accessible combobox
 * (WAI-ARIA 1.2, list popup, the pattern of components/ehr/cid10-picker.tsx) over the catalogue
 * search — generic presentations, ANVISA-registered products and the clinic's own items — by
 * brand or active ingredient, accents and case ignored, best match first.
 *
 * Props contract:
 * - `onSelect(hit: MedicationHit)` — the doctor chose one (Enter or click). The hit carries what an
 *   item needs: `source` + `id` (→ prescription_items.medication_id or clinic_medication_id),
 *   `name`, `presentation`, `route`, the ingredients with their Portaria 344 list, antimicrobial
 *   flag and classes, and the item-level `controlList` (strictest) and `antimicrobial`.
 * - `searchAction` — the server action `searchMedicationsAction` from
 *   `app/t/[tenant]/(staff)/_actions/medications.ts` (pass it as a prop from the server page).
 * - `disabled?`, `id?` (input id, default "medication-search"), `autoFocus?`.
 *
 * Each option shows the name, the presentation or the ingredients, and badges: "Controlado —
 * lista B1", "Antimicrobiano", "item da clínica". Keyboard: type to search (debounced);
 * ArrowDown/ArrowUp move (opening the list), Enter picks the highlighted one (or the first),
 * Escape closes the list, then clears the text. The result count and the choice are announced.
 */
import { useTranslations } from "next-intl";
import { useId, useState, type KeyboardEvent } from "react";
import { clsx } from "clsx";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { MEDICATION_QUERY_MAX, type MedicationHit } from "@/lib/prescriptions/catalogue/schemas";
import { MedicationBadges } from "./medication-badges";
import { useCatalogueSearch, type CatalogueSearchAction } from "./use-catalogue-search";

export type MedicationSearchAction = CatalogueSearchAction<MedicationHit>;

export type MedicationPickerProps = {
  onSelect: (hit: MedicationHit) => void;
  searchAction: MedicationSearchAction;
  disabled?: boolean;
  id?: string;
  autoFocus?: boolean;
};

const optionKey = (h: MedicationHit) => `${h.source}:${h.id}`;

export function MedicationPicker({ onSelect, searchAction, disabled, id = "medication-search", autoFocus }: MedicationPickerProps) {
  const t = useTranslations("prescriptionCatalogue.picker");
  const listId = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState("");
  const search = useCatalogueSearch(query, searchAction);
  const results = search.status === "done" ? search.results : [];
  const expanded = open && query.trim() !== "" && search.status !== "idle";
  const optionId = (i: number) => `${listId}-option-${i}`;

  const pick = (hit: MedicationHit) => {
    onSelect(hit);
    setAnnouncement(t("chosen", { name: hit.name }));
    setQuery("");
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      if (results.length === 0) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i < 0 && step < 0 ? results.length - 1 : (i + step + results.length) % results.length));
    } else if (e.key === "Enter") {
      // Never submit the editor's form from the search box.
      e.preventDefault();
      const chosen = results[active >= 0 ? active : 0];
      if (expanded && chosen) pick(chosen);
    } else if (e.key === "Escape") {
      if (expanded) setOpen(false);
      else setQuery("");
      setActive(-1);
    }
  };

  return (
    <div className="relative space-y-1">
      <Label htmlFor={id}>{t("searchLabel")}</Label>
      <div className="relative">
        <Input
          id={id} type="text" role="combobox" autoComplete="off" spellCheck={false} disabled={disabled} autoFocus={autoFocus}
          value={query} placeholder={t("placeholder")} maxLength={MEDICATION_QUERY_MAX}
          aria-expanded={expanded} aria-controls={listId} aria-autocomplete="list"
          aria-activedescendant={expanded && active >= 0 && active < results.length ? optionId(active) : undefined}
          onChange={(e) => { setQuery(e.target.value); setOpen(true); setActive(-1); }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
        {search.status === "loading" && <Spinner size="sm" className="absolute end-3 top-3" label={t("searching")} />}
      </div>
      <ul id={listId} role="listbox" aria-label={t("label")} hidden={!expanded}
        className="absolute z-20 mt-1 max-h-96 w-full overflow-auto rounded-md border border-border bg-surface shadow-lg">
        {results.map((h, i) => (
          <li key={optionKey(h)} id={optionId(i)} role="option" aria-selected={i === active}
            // mousedown, not click: the input's blur would close the list before a click lands.
            onMouseDown={(e) => { e.preventDefault(); pick(h); }}
            onMouseEnter={() => setActive(i)}
            className={clsx("flex cursor-pointer flex-col gap-0.5 px-3 py-2 text-sm", i === active && "bg-brand-50")}>
            <span className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{h.name}</span>
              <MedicationBadges hit={h} />
            </span>
            <span className="text-xs text-fg-muted">
              {h.presentation ?? t("ingredients", { list: h.ingredients.map((x) => x.name).join(" + ") || "—" })}
            </span>
          </li>
        ))}
        {search.status === "done" && results.length === 0 && (
          <li role="option" aria-selected={false} aria-disabled className="px-3 py-2 text-sm text-fg-muted">{t("noResults", { query: search.query })}</li>
        )}
        {search.status === "failed" && (
          <li role="option" aria-selected={false} aria-disabled className="px-3 py-2 text-sm text-danger-fg">{search.message || t("searchFailed")}</li>
        )}
      </ul>
      <p aria-live="polite" className="sr-only">
        {search.status === "done" ? t("results", { count: results.length }) : ""} {announcement}
      </p>
    </div>
  );
}
