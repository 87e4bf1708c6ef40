"use client";

import { useState, useTransition } from "react";
import type { UserAction } from "./types";

/**
 * Runs one row action at a time and keeps its outcome for a live region. On success the
 * server action revalidates the page, so the row re-renders with its new state.
 */
export function useRowAction() {
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);

  function run(action: UserAction, input: unknown, doneMessage: string, confirmText?: string) {
    if (confirmText && !window.confirm(confirmText)) return;
    setOutcome(null);
    startTransition(async () => {
      const result = await action(input);
      setOutcome(result.ok ? { ok: true, message: doneMessage } : { ok: false, message: result.message });
    });
  }

  return { pending, outcome, run };
}
