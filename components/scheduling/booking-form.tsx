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
import { parseLocalDateTime } from "@/lib/scheduling/time";
import { PatientPicker, type PatientHit, type SearchPatients } from "./patient-picker";
import { brToIsoDate, isoToBrDate, useFreeSlots, type LoadSlots } from "./use-free-slots";

export type BookingAgenda = { id: string; name: string; doctorName: string; acceptsPrivate: boolean; insurers: { id: string; name: string }[] };

type Props = {
  agendas: BookingAgenda[];
  timeZone: string;
  initial: { agendaId: string; date: string; startsAt: string | null; patient: PatientHit | null };
  actions: {
    book: (input: unknown) => Promise<ActionResult>;
    slots: LoadSlots;
    search: SearchPatients;
  };
};


/** Patient, agenda, day and slot (or a deliberate encaixe with its reason), modality, convênio. */
export function BookingForm({ agendas, timeZone, initial, actions }: Props) {
  const t = useTranslations("scheduling.booking");
  const tm = useTranslations("scheduling");
  const router = useRouter();
  const [patient, setPatient] = useState<PatientHit | null>(initial.patient);
  const [agendaId, setAgendaId] = useState(initial.agendaId);
  const [dateText, setDateText] = useState(isoToBrDate(initial.date));
  const [startsAt, setStartsAt] = useState(initial.startsAt ?? "");
  const [encaixe, setEncaixe] = useState(false);
  const [encaixeTime, setEncaixeTime] = useState("");
  const [encaixeReason, setEncaixeReason] = useState("");
  const [modality, setModality] = useState("IN_PERSON");
  const agenda = agendas.find((a) => a.id === agendaId);
  const [insurer, setInsurer] = useState("");
  const [reason, setReason] = useState("");
  const [result, setResult] = useState<Extract<ActionResult, { ok: false }> | null>(null);
  const [pending, start] = useTransition();
  const date = brToIsoDate(dateText);
  const slots = useFreeSlots(agendaId, date, actions.slots);

  const options = (slots ?? []).map((s) => s.startsAt);
  if (startsAt && !options.includes(startsAt)) options.unshift(startsAt);
  const insurerOptions = [
    ...(agenda?.acceptsPrivate ? [{ value: "", label: t("private") }] : []),
    ...(agenda?.insurers.map((i) => ({ value: i.id, label: i.name })) ?? []),
  ];
  const err = (f: string) => result?.fields?.[f]?.[0];

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setResult(null);
    const at = encaixe && date && /^\d{2}:\d{2}$/.test(encaixeTime) ? parseLocalDateTime(`${date}T${encaixeTime}`, timeZone).toISOString() : startsAt;
    if (!patient) return setResult({ ok: false, code: "validation", message: t("fixFields"), fields: { patientId: [t("patientRequired")] } });
    if (!at) return setResult({ ok: false, code: "validation", message: t("fixFields"), fields: { startsAt: [t("slotRequired")] } });
    start(async () => {
      const r = await actions.book({
        agendaId, patientId: patient.id, startsAt: at, modality, reason,
        insuranceProviderId: insurer || (agenda?.acceptsPrivate ? null : ""), isEncaixe: encaixe, encaixeReason,
      });
      if (r.ok) router.push(`/appointments/${r.id}`);
      else setResult(r);
    });
  };

  return (
    <form onSubmit={submit} noValidate className="grid max-w-2xl gap-4">
      {result && <Alert tone="danger">{result.message}</Alert>}
      <div className="space-y-1.5">
        <p className="text-sm font-medium">{t("patient")}</p>
        <PatientPicker search={actions.search} value={patient} onChange={setPatient} error={err("patientId")} />
      </div>
      <FormField label={t("agenda")} error={err("agendaId")} required>
        {(f) => <Select {...f} value={agendaId} onChange={(e) => { setAgendaId(e.target.value); setStartsAt(""); setInsurer(""); }}
          options={agendas.map((a) => ({ value: a.id, label: `${a.name} · ${a.doctorName}` }))} placeholder={t("choose")} />}
      </FormField>
      <FormField label={t("date")} hint="dd/mm/aaaa" required>
        {(f) => <Input {...f} value={dateText} inputMode="numeric" onChange={(e) => { setDateText(e.target.value); setStartsAt(""); }} />}
      </FormField>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={encaixe} onChange={(e) => setEncaixe(e.target.checked)} /> {t("encaixe")}
      </label>
      {encaixe ? (
        <div className="grid gap-4 sm:grid-cols-[10rem_1fr]">
          <FormField label={t("time")} hint="hh:mm" error={err("startsAt")} required>
            {(f) => <Input {...f} value={encaixeTime} onChange={(e) => setEncaixeTime(e.target.value)} />}
          </FormField>
          <FormField label={t("encaixeReason")} error={err("encaixeReason")} required>
            {(f) => <Input {...f} value={encaixeReason} onChange={(e) => setEncaixeReason(e.target.value)} />}
          </FormField>
        </div>
      ) : (
        <FormField label={t("slot")} error={err("startsAt")} required>
          {(f) => <Select {...f} value={startsAt} onChange={(e) => setStartsAt(e.target.value)} placeholder={slots === null ? t("loadingSlots") : options.length ? t("choose") : t("noSlots")}
            options={options.map((s) => ({ value: s, label: formatTime(s, timeZone) }))} />}
        </FormField>
      )}
      <FormField label={t("modality")} error={err("modality")}>
        {(f) => <Select {...f} value={modality} onChange={(e) => setModality(e.target.value)}
          options={(["IN_PERSON", "TELEMEDICINE"] as const).map((m) => ({ value: m, label: tm(`modality.${m}`) }))} />}
      </FormField>
      <FormField label={t("insurance")} error={err("insuranceProviderId")}>
        {(f) => <Select {...f} value={insurer} onChange={(e) => setInsurer(e.target.value)} options={insurerOptions}
          placeholder={agenda?.acceptsPrivate ? undefined : t("choose")} />}
      </FormField>
      <FormField label={t("reason")} error={err("reason")}>
        {(f) => <Input {...f} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} />}
      </FormField>
      <div><Button type="submit" loading={pending}>{t("submit")}</Button></div>
    </form>
  );
}
