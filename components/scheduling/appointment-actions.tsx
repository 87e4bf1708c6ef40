"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ActionResult, AppointmentView, TransitionTarget } from "@/lib/scheduling/schemas";
import { isStatusRefusal, type StatusParams, type StatusRefusal } from "@/lib/scheduling/status/errors";

const LABEL_KEY = {
  CONFIRMED: "confirm", ARRIVED: "checkIn", IN_PROGRESS: "start", COMPLETED: "complete", NO_SHOW: "noShow", CANCELLED: "cancel",
} as const satisfies Record<TransitionTarget, string>;

type Failure = Extract<ActionResult, { ok: false }>;
type Action = (id: string, input: unknown) => Promise<ActionResult>;

/**
 * One button per move the status machine, the clock and the user's permissions allow; cancel
 * asks why. `withheld` says why a move is not offered now (not the appointment's day yet);
 * `undo` offers to take back the last move (its author or an admin, the same day), with a reason.
 */
export function AppointmentActions({ id, moves, withheld = [], undo = null, transition, undoAction }: {
  id: string; moves: TransitionTarget[]; withheld?: { reason: StatusRefusal; params: StatusParams }[];
  undo?: { to: AppointmentView["status"] } | null; transition: Action; undoAction?: Action;
}) {
  const t = useTranslations("scheduling");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [asking, setAsking] = useState<"cancel" | "undo" | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<Failure | null>(null);
  const run = (call: () => Promise<ActionResult>) => start(async () => {
    setError(null);
    const r = await call();
    if (r.ok) { setAsking(null); setReason(""); router.refresh(); } else setError(r);
  });
  // A refusal the catalogue knows is worded in the user's language; others come worded by the server.
  const words = (f: Failure) => (isStatusRefusal(f.reason) ? t(`statusErrors.${f.reason}`, f.params as StatusParams) : f.message);
  if (moves.length === 0 && withheld.length === 0 && !undo) return null;
  const ask = (what: "cancel" | "undo") => { setReason(""); setError(null); setAsking(what); };
  return (
    <div className="space-y-3">
      {error && <Alert tone="danger">{words(error)}</Alert>}
      <div className="flex flex-wrap gap-2">
        {moves.filter((m) => m !== "CANCELLED").map((m) => (
          <Button key={m} variant={m === "NO_SHOW" ? "secondary" : "primary"} loading={pending} onClick={() => run(() => transition(id, { to: m }))}>{t(`actions.${LABEL_KEY[m]}`)}</Button>
        ))}
        {moves.includes("CANCELLED") && asking !== "cancel" && <Button variant="danger" onClick={() => ask("cancel")}>{t("actions.cancel")}</Button>}
        {undo && undoAction && asking !== "undo" && (
          <Button variant="ghost" onClick={() => ask("undo")}>{t("actions.undo", { status: t(`status.${undo.to}`) })}</Button>
        )}
      </div>
      {withheld.map((n) => <p key={n.reason} className="text-sm text-fg-muted">{t(`statusErrors.${n.reason}`, n.params)}</p>)}
      {asking && (
        <form className="flex flex-wrap items-end gap-2" onSubmit={(e) => {
          e.preventDefault();
          run(() => (asking === "cancel" ? transition(id, { to: "CANCELLED", reason }) : undoAction!(id, { reason })));
        }}>
          <FormField label={t(asking === "cancel" ? "actions.cancelReason" : "actions.undoReason")} error={error?.fields?.reason?.[0] ? (error.reason ? words(error) : error.fields.reason[0]) : undefined} required className="min-w-72 flex-1">
            {(f) => <Input {...f} autoFocus value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} />}
          </FormField>
          <Button type="submit" variant="danger" loading={pending}>{t(asking === "cancel" ? "actions.confirmCancel" : "actions.confirmUndo")}</Button>
          <Button variant="ghost" onClick={() => setAsking(null)}>{t(asking === "cancel" ? "actions.keep" : "actions.keepStatus")}</Button>
        </form>
      )}
    </div>
  );
}
