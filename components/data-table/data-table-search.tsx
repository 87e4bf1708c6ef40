"use client";

import { useEffect, useId, useState, type TransitionStartFunction } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { Spinner } from "../ui/spinner";
import { PAGE_PARAM, SEARCH_PARAM, queryHref } from "./url";

const DEBOUNCE_MS = 350;

export type DataTableSearchProps = {
  /** The search the server applied (the URL's `q`). */
  search: string;
  label: string;
  placeholder: string;
  loadingLabel: string;
  isPending: boolean;
  startTransition: TransitionStartFunction;
};

export function DataTableSearch({ search, label, placeholder, loadingLabel, isPending, startTransition }: DataTableSearchProps) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const inputId = useId();

  const [term, setTerm] = useState(search);
  // Adopt a search that changed under us (back/forward), but not the echo of our own
  // navigation: that would overwrite characters typed while the server was answering.
  const [seenSearch, setSeenSearch] = useState(search);
  const [sentSearch, setSentSearch] = useState<string | null>(null);
  if (search !== seenSearch) {
    setSeenSearch(search);
    if (search !== sentSearch) setTerm(search);
  }

  function apply(value: string) {
    const q = value.trim();
    setSentSearch(q);
    // replace, not push: each debounced keystroke would otherwise be a history entry.
    // A new search starts again at page 1.
    startTransition(() => router.replace(queryHref(searchParams, { [SEARCH_PARAM]: q || null, [PAGE_PARAM]: null })));
  }

  useEffect(() => {
    if (term.trim() === search.trim()) return;
    const timer = setTimeout(() => apply(term), DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // apply() changes identity every render; term and search are what matter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [term, search]);

  return (
    // method=get keeps search working before hydration: the browser submits ?q=.
    <form
      role="search"
      method="get"
      className="relative w-full max-w-sm"
      onSubmit={(event) => {
        event.preventDefault();
        apply(term);
      }}
    >
      <label htmlFor={inputId} className="sr-only">
        {label}
      </label>
      <input
        id={inputId}
        name={SEARCH_PARAM}
        type="search"
        value={term}
        onChange={(event) => setTerm(event.target.value)}
        placeholder={placeholder}
        autoComplete="off"
        className="block h-10 w-full rounded-md border border-border-strong bg-surface ps-3 pe-9 text-sm text-fg placeholder:text-fg-muted"
      />
      {isPending && (
        <span className="absolute inset-y-0 end-3 flex items-center text-fg-muted">
          <Spinner size="sm" label={loadingLabel} />
        </span>
      )}
    </form>
  );
}
