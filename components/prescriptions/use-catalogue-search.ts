"use client";

import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/action-result";

// Search as the person types, for the medication picker and the allergy coding picker (the same
// behaviour as components/ehr/use-cid10-search.ts): debounced, and an answer that arrives after a
// newer query was sent is dropped. Until the answer for the current text arrives: "loading".

export type CatalogueSearchAction<T> = (input: { q: string; limit?: number }) => Promise<ActionResult<{ data: T[] }>>;

export type CatalogueSearchState<T> =
  | { status: "idle" }
  | { status: "loading"; query: string }
  | { status: "done"; query: string; results: T[] }
  | { status: "failed"; query: string; message: string };

type Answer<T> = Exclude<CatalogueSearchState<T>, { status: "idle" } | { status: "loading" }>;

const DEBOUNCE_MS = 150;

export function useCatalogueSearch<T>(query: string, searchAction: CatalogueSearchAction<T>, limit = 20): CatalogueSearchState<T> {
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  const latest = useRef(0);
  const q = query.trim();
  useEffect(() => {
    if (!q) return;
    const ticket = ++latest.current;
    const timer = setTimeout(async () => {
      let next: Answer<T>;
      try {
        const result = await searchAction({ q, limit });
        next = result.ok
          ? { status: "done", query: q, results: result.data }
          : { status: "failed", query: q, message: result.fields?.q?.[0] ?? result.message };
      } catch {
        next = { status: "failed", query: q, message: "" };
      }
      if (ticket === latest.current) setAnswer(next);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q, searchAction, limit]);
  if (!q) return { status: "idle" };
  if (!answer || answer.query !== q) return { status: "loading", query: q };
  return answer;
}
