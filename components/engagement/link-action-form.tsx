"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export type LinkActionState = { status: "idle" } | { status: "done" } | { status: "error"; message: string };

/** The one button of a patient link page (confirm, cancel or accept): a POST, never the GET. */
export function LinkActionForm({ action, token, label, doneMessage, danger = false }: {
  action: (prev: LinkActionState, form: FormData) => Promise<LinkActionState>;
  token: string;
  label: string;
  doneMessage: string;
  danger?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  if (state.status === "done") return <Alert tone="success">{doneMessage}</Alert>;
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      {state.status === "error" && <Alert tone="danger">{state.message}</Alert>}
      <Button type="submit" variant={danger ? "danger" : "primary"} disabled={pending}>{label}</Button>
    </form>
  );
}
