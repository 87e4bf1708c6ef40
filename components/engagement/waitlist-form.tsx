"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

export type WaitlistFormState =
  | { status: "idle" }
  | { status: "saved" }
  | { status: "error"; message?: string; fields?: Record<string, string[]>; values?: Record<string, string> };

export function WaitlistForm({ action, patient, doctors }: {
  action: (prev: WaitlistFormState, form: FormData) => Promise<WaitlistFormState>;
  patient: { id: string; name: string };
  doctors: { id: string; name: string }[];
}) {
  const t = useTranslations("engagement.waitlist");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const err = (f: string) => (state.status === "error" ? state.fields?.[f]?.[0] : undefined);
  // React resets a form after its action; what was typed comes back from the state.
  const value = (f: string) => (state.status === "error" ? state.values?.[f] : undefined);
  return (
    <form key={state.status === "error" ? JSON.stringify(state.values) : state.status} action={formAction} className="grid gap-4 sm:grid-cols-2" noValidate>
      {state.status === "saved" && <Alert tone="success" className="sm:col-span-2">{t("saved")}</Alert>}
      {state.status === "error" && state.message && <Alert tone="danger" className="sm:col-span-2">{state.message}</Alert>}
      <input type="hidden" name="patientId" value={patient.id} />
      <p className="sm:col-span-2"><strong>{t("patient")}:</strong> {patient.name}</p>
      {err("patientId") && <p className="text-sm text-danger-fg sm:col-span-2">{err("patientId")}</p>}
      <FormField label={t("doctor")} error={err("doctorId")}>
        {(p) => (
          <select name="doctorId" defaultValue={value("doctorId") ?? ""} {...p} className="h-10 rounded-md border border-border-strong bg-surface px-3 text-sm">
            <option value="">{t("anyDoctor")}</option>
            {doctors.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          </select>
        )}
      </FormField>
      <span />
      <FormField label={t("earliest")} error={err("earliest")} required>{(p) => <Input type="date" name="earliest" defaultValue={value("earliest")} {...p} />}</FormField>
      <FormField label={t("latest")} error={err("latest")} required>{(p) => <Input type="date" name="latest" defaultValue={value("latest")} {...p} />}</FormField>
      <FormField label={t("notes")} error={err("notes")} className="sm:col-span-2">{(p) => <Input name="notes" maxLength={300} defaultValue={value("notes")} {...p} />}</FormField>
      <div className="sm:col-span-2"><Button type="submit" disabled={pending}>{t("save")}</Button></div>
    </form>
  );
}
