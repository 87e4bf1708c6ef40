"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ActionResult, TransitionTarget } from "@/lib/scheduling/schemas";

const LABEL_KEY = {
  CONFIRMED: "confirm", ARRIVED: "checkIn", IN_PROGRESS: "start", COMPLETED: "complete", NO_SHOW: "noShow", CANCELLED: "cancel",
} as const satisfies Record<TransitionTarget, string>;

/** One button per move the status machine and the user's permissions allow; cancel asks why. */
export function AppointmentActions({ id, moves, transition }: {
  id: string; moves: TransitionTarget[]; transition: (id: string, input: unknown) => Promise<ActionResult>;
}) {
  const t = useTranslations("scheduling.actions");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<Extract<ActionResult, { ok: false }> | null>(null);
  const run = (to: TransitionTarget, why?: string) => start(async () => {
    setError(null);
    const r = await transition(id, { to, reason: why });
    if (r.ok) { setCancelling(false); router.refresh(); } else setError(r);
  });
  if (moves.length === 0) return null;
  return (
    <div className="space-y-3">
      {error && <Alert tone="danger">{error.message}</Alert>}
      <div className="flex flex-wrap gap-2">
        {moves.filter((m) => m !== "CANCELLED").map((m) => (
          <Button key={m} variant={m === "NO_SHOW" ? "secondary" : "primary"} loading={pending} onClick={() => run(m)}>{t(LABEL_KEY[m])}</Button>
        ))}
        {moves.includes("CANCELLED") && !cancelling && <Button variant="danger" onClick={() => setCancelling(true)}>{t("cancel")}</Button>}
      </div>
      {cancelling && (
        <form className="flex flex-wrap items-end gap-2" onSubmit={(e) => { e.preventDefault(); run("CANCELLED", reason); }}>
          <FormField label={t("cancelReason")} error={error?.fields?.reason?.[0]} required className="min-w-72 flex-1">
            {(f) => <Input {...f} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} />}
          </FormField>
          <Button type="submit" variant="danger" loading={pending}>{t("confirmCancel")}</Button>
          <Button variant="ghost" onClick={() => setCancelling(false)}>{t("keep")}</Button>
        </form>
      )}
    </div>
  );
}
