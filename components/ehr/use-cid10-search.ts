"use client";

import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { Cid10Match } from "@/lib/ehr/cid10/schemas";

export type Cid10SearchAction = (input: { q: string; limit?: number }) => Promise<ActionResult<{ data: Cid10Match[] }>>;

export type Cid10SearchState =
  | { status: "idle" }
  | { status: "loading"; query: string }
  | { status: "done"; query: string; results: Cid10Match[] }
  | { status: "failed"; query: string; message: string };

type Answer = Exclude<Cid10SearchState, { status: "idle" } | { status: "loading" }>;

const DEBOUNCE_MS = 150;

/**
 * Search as the doctor types: debounced, and an answer that arrives after a newer query was
 * sent is dropped (typing "hip" then "hipe" never shows "hip"'s results last). Until the answer
 * for the current text arrives the state is "loading".
 */
export function useCid10Search(query: string, searchAction: Cid10SearchAction, limit = 20): Cid10SearchState {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const latest = useRef(0);
  const q = query.trim();
  useEffect(() => {
    if (!q) return;
    const ticket = ++latest.current;
    const timer = setTimeout(async () => {
      let next: Answer;
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
