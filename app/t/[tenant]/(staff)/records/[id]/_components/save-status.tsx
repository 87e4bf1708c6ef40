"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { formatTime } from "@/lib/format/date";
import type { SaveState } from "./use-autosave";

/** "salvo às hh:mm", "sem conexão — salvo neste navegador", or the failure, announced politely. */
export function SaveStatus({ state, timeZone, onRetry }: { state: SaveState; timeZone: string; onRetry: () => void }) {
  const t = useTranslations("records.save");
  const text = {
    idle: "", dirty: t("unsaved"), saving: t("saving"),
    saved: state.kind === "saved" ? t("saved", { time: formatTime(state.at, timeZone) }) : "",
    offline: t("offline"),
    failed: state.kind === "failed" ? t("failed", { message: state.message }) : "",
    conflict: state.kind === "conflict" ? t("conflict", { message: state.message }) : "",
  }[state.kind];
  const tone = state.kind === "failed" || state.kind === "conflict" ? "text-danger-fg" : state.kind === "offline" ? "text-warning-fg" : "text-fg-muted";
  return (
    <div className="flex items-center gap-2">
      <p role="status" aria-live="polite" data-testid="save-status" className={`text-sm ${tone}`}>{text}</p>
      {state.kind === "failed" && <Button size="sm" variant="secondary" onClick={onRetry}>{t("retry")}</Button>}
    </div>
  );
}
