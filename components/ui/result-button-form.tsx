"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { Button, type ButtonProps } from "@/components/ui/button";

export type ResultFormAction = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

/**
 * A one-button form posting hidden fields to a server action that answers an ActionResult: a
 * refusal (signed out, no permission, already done) is shown next to the button instead of
 * failing the request.
 */
export function ResultButtonForm({ action, fields, label, size, variant }: {
  action: ResultFormAction;
  fields: Record<string, string>;
  label: string;
  size?: ButtonProps["size"];
  variant?: ButtonProps["variant"];
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1">
      {Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <Button type="submit" size={size} variant={variant} disabled={pending}>{label}</Button>
      {state && !state.ok && <p role="alert" className="text-sm font-medium text-danger-fg">{state.message}</p>}
    </form>
  );
}
