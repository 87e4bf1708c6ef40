"use client";

/**
 * CID-10 diagnosis picker (issue 9, item 2): an accessible combobox (WAI-ARIA 1.2 pattern, list
 * popup) over the server-side CID-10 search, plus the list of chosen diagnoses.
 *
 * Props contract (controlled; the chart owns the value and saves it):
 * - `value: DiagnosisDraft[]` — the chosen diagnoses, in order; at most one has role "main".
 * - `onChange(next: DiagnosisDraft[])` — every add, remove, main/secondary or certainty change.
 *   The first diagnosis added becomes main, later ones secondary; removing the main promotes the
 *   first remaining one; a code already chosen is not added twice.
 * - `patientSex: "F" | "M" | null` — the patient's sex, or null when unknown/intersex. A code
 *   the table restricts to the other sex is shown with a warning; it is never blocked.
 * - `searchAction` — the server action `searchCid10Action` from
 *   `app/t/[tenant]/(staff)/_actions/cid10.ts` (pass it as a prop from the server page).
 * - `disabled?` — read-only (e.g. a signed record); `id?` — the input id (default "cid10-search").
 *
 * Keyboard: type to search (debounced); ArrowDown/ArrowUp move through results (opening the
 * list), Enter adds the highlighted one (or the first), Escape closes the list, then clears the
 * text. Results are announced (count) in a polite live region, and so are additions/removals.
 * Save what `diagnosisListSchema` (lib/ehr/cid10/schemas.ts) accepts: `{ code, role, certainty }`.
 */
import { useTranslations } from "next-intl";
import { useId, useState, type KeyboardEvent } from "react";
import { clsx } from "clsx";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import {
  addDiagnosis, removeDiagnosis, setMainDiagnosis, sexConflict, type Cid10Match, type DiagnosisDraft, type Sex,
} from "@/lib/ehr/cid10/schemas";
import { Cid10DiagnosisList } from "./cid10-diagnosis-list";
import { useCid10Search, type Cid10SearchAction } from "./use-cid10-search";

export type Cid10PickerProps = {
  value: DiagnosisDraft[];
  onChange: (next: DiagnosisDraft[]) => void;
  patientSex: Sex | null;
  searchAction: Cid10SearchAction;
  disabled?: boolean;
  id?: string;
};

export function Cid10Picker({ value, onChange, patientSex, searchAction, disabled, id = "cid10-search" }: Cid10PickerProps) {
  const t = useTranslations("ehrCid10");
  const listId = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState("");
  const search = useCid10Search(query, searchAction);
  const results = search.status === "done" ? search.results : [];
  const expanded = open && query.trim() !== "" && search.status !== "idle";
  const optionId = (i: number) => `${listId}-option-${i}`;

  const pick = (match: Cid10Match) => {
    onChange(addDiagnosis(value, match));
    setAnnouncement(t("added", { code: match.code }));
    setQuery("");
    setOpen(false);
    setActive(-1);
  };
  const remove = (code: string) => {
    onChange(removeDiagnosis(value, code));
    setAnnouncement(t("removed", { code }));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      if (results.length === 0) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i < 0 && step < 0 ? results.length - 1 : (i + step + results.length) % results.length));
    } else if (e.key === "Enter") {
      // Never submit the chart's form from the search box.
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
    <div className="space-y-3">
      <div className="relative space-y-1">
        <Label htmlFor={id}>{t("searchLabel")}</Label>
        <div className="relative">
          <Input
            id={id} type="text" role="combobox" autoComplete="off" spellCheck={false} disabled={disabled}
            value={query} placeholder={t("placeholder")} maxLength={80}
            aria-expanded={expanded} aria-controls={listId} aria-autocomplete="list"
            aria-activedescendant={expanded && active >= 0 && active < results.length ? optionId(active) : undefined}
            onChange={(e) => { setQuery(e.target.value); setOpen(true); setActive(-1); }}
            onKeyDown={onKeyDown}
            onBlur={() => setOpen(false)}
          />
          {search.status === "loading" && <Spinner size="sm" className="absolute end-3 top-3" label={t("searching")} />}
        </div>
        <ul id={listId} role="listbox" aria-label={t("label")} hidden={!expanded}
          className="absolute z-20 mt-1 max-h-80 w-full overflow-auto rounded-md border border-border bg-surface shadow-lg">
          {results.map((m, i) => (
            <li key={m.code} id={optionId(i)} role="option" aria-selected={i === active}
              // mousedown, not click: the input's blur would close the list before a click lands.
              onMouseDown={(e) => { e.preventDefault(); pick(m); }}
              onMouseEnter={() => setActive(i)}
              className={clsx("flex cursor-pointer items-baseline gap-2 px-3 py-2 text-sm", i === active && "bg-brand-50")}>
              <span className="font-mono font-semibold">{m.code}</span>
              <span className="flex-1">{m.description}</span>
              {m.isCategory && <span className="text-xs text-fg-muted">{t("category")}</span>}
              {sexConflict(m.sexRestriction, patientSex) && <span className="text-xs text-warning-fg" aria-hidden>⚠</span>}
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
      <Cid10DiagnosisList
        value={value} patientSex={patientSex} disabled={disabled} onRemove={remove}
        onMakeMain={(code) => onChange(setMainDiagnosis(value, code))}
        onCertainty={(code, certainty) => onChange(value.map((d) => (d.code === code ? { ...d, certainty } : d)))}
      />
    </div>
  );
}
