"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { formatTime } from "@/lib/format/date";
import type { ActionResult } from "@/lib/scheduling/schemas";
import { brToIsoDate, isoToBrDate, useFreeSlots, type LoadSlots } from "./use-free-slots";

/** A new day and free slot on the same agenda; the original is cancelled as "reagendado". */
export function RescheduleForm({ id, agendaId, timeZone, initialDate, actions }: {
  id: string; agendaId: string; timeZone: string; initialDate: string;
  actions: { reschedule: (id: string, input: unknown) => Promise<ActionResult>; slots: LoadSlots };
}) {
  const t = useTranslations("scheduling.reschedule");
  const router = useRouter();
  const [dateText, setDateText] = useState(isoToBrDate(initialDate));
  const [startsAt, setStartsAt] = useState("");
  const [error, setError] = useState<Extract<ActionResult, { ok: false }> | null>(null);
  const [pending, start] = useTransition();
  const slots = useFreeSlots(agendaId, brToIsoDate(dateText), actions.slots);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    start(async () => {
      setError(null);
      const r = await actions.reschedule(id, { startsAt });
      if (r.ok) router.push(`/appointments/${r.id}`);
      else setError(r);
    });
  };
  return (
    <form onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-[10rem_10rem_auto] sm:items-end">
      {error && <Alert tone="danger" className="sm:col-span-3">{error.message}</Alert>}
      <FormField label={t("date")} hint="dd/mm/aaaa">
        {(f) => <Input {...f} value={dateText} inputMode="numeric" onChange={(e) => { setDateText(e.target.value); setStartsAt(""); }} />}
      </FormField>
      <FormField label={t("slot")} error={error?.fields?.startsAt?.[0]}>
        {(f) => <Select {...f} value={startsAt} onChange={(e) => setStartsAt(e.target.value)} placeholder={slots === null ? t("loadingSlots") : slots.length ? t("choose") : t("noSlots")}
          options={(slots ?? []).map((s) => ({ value: s.startsAt, label: formatTime(s.startsAt, timeZone) }))} />}
      </FormField>
      <Button type="submit" variant="secondary" loading={pending} disabled={!startsAt}>{t("submit")}</Button>
    </form>
  );
}
