"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { agendaInputSchema, type ActionResult, type AgendaInput } from "@/lib/scheduling/schemas";

type Option = { value: string; label: string };
type Initial = { id: string; name: string; doctorId: string; slotMinutes: number; roomId: string | null; acceptsPrivate: boolean; active: boolean; insurerIds: string[]; workingHours: { weekday: number; start: string; end: string }[] };

/** Agenda settings; working hours are intervals per weekday, so a lunch break is the gap between two. */
export function AgendaForm({ options, initial, save }: {
  options: { doctors: Option[]; rooms: Option[]; insurers: Option[] }; initial: Initial | null;
  save: (id: string | null, input: unknown) => Promise<ActionResult>;
}) {
  const t = useTranslations("scheduling.admin");
  const tw = useTranslations("scheduling.weekdays");
  const router = useRouter();
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const { register, control, handleSubmit, formState, setError } = useForm<AgendaInput>({
    resolver: zodResolver(agendaInputSchema),
    defaultValues: initial
      ? { ...initial, roomId: initial.roomId ?? "" }
      : { name: "", doctorId: "", slotMinutes: 30, roomId: "", acceptsPrivate: true, active: true, insurerIds: [],
        workingHours: [1, 2, 3, 4, 5].flatMap((weekday) => [{ weekday, start: "08:00", end: "12:00" }, { weekday, start: "13:00", end: "18:00" }]) },
  });
  const hours = useFieldArray({ control, name: "workingHours" });
  const errors = formState.errors;
  const hourError = (i: number, f: "start" | "end" | "weekday") => errors.workingHours?.[i]?.[f]?.message;

  const onSubmit = handleSubmit(async (values) => {
    setOutcome(null);
    const r = await save(initial?.id ?? null, values);
    if (r.ok) {
      setOutcome({ ok: true, message: t("saved") });
      if (!initial) router.push(`/admin/agendas/${r.id}`);
      else router.refresh();
      return;
    }
    for (const [field, messages] of Object.entries(r.fields ?? {})) setError(field as "name", { message: messages[0] });
    setOutcome({ ok: false, message: r.message });
  }, () => setOutcome({ ok: false, message: t("fixFields") }));

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      {outcome && <Alert tone={outcome.ok ? "success" : "danger"}>{outcome.message}</Alert>}
      <Card>
        <CardHeader title={t("general")} />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <FormField label={t("name")} error={errors.name?.message} required>{(f) => <Input {...f} {...register("name")} />}</FormField>
          <FormField label={t("doctor")} error={errors.doctorId?.message} required>
            {(f) => <Select {...f} options={options.doctors} placeholder={t("choose")} disabled={!!initial} {...register("doctorId")} />}
          </FormField>
          <FormField label={t("slotMinutes")} error={errors.slotMinutes?.message} required>{(f) => <Input {...f} type="number" min={5} max={240} {...register("slotMinutes")} />}</FormField>
          <FormField label={t("room")} error={errors.roomId?.message}>{(f) => <Select {...f} options={options.rooms} placeholder={t("noRoom")} {...register("roomId")} />}</FormField>
          <label className="flex items-center gap-2 text-sm"><input type="checkbox" {...register("active")} /> {t("active")}</label>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("insurers")} description={t("insurersHint")} />
        <CardBody className="grid gap-2 sm:grid-cols-3">
          <label className="flex items-center gap-2 text-sm"><input type="checkbox" {...register("acceptsPrivate")} /> {t("private")}</label>
          {options.insurers.map((o) => (
            <label key={o.value} className="flex items-center gap-2 text-sm"><input type="checkbox" value={o.value} {...register("insurerIds")} /> {o.label}</label>
          ))}
          {errors.insurerIds?.message && <p className="text-sm font-medium text-danger-fg sm:col-span-3">{errors.insurerIds.message}</p>}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("hours")} description={t("hoursHint")} actions={<Button variant="secondary" size="sm" onClick={() => hours.append({ weekday: 1, start: "08:00", end: "12:00" })}>{t("addInterval")}</Button>} />
        <CardBody>
          <ul className="space-y-3">
            {hours.fields.map((field, i) => (
              <li key={field.id} className="grid items-start gap-3 sm:grid-cols-[12rem_8rem_8rem_auto]" aria-label={t("interval", { n: i + 1 })}>
                <FormField label={t("weekday")} error={hourError(i, "weekday")}>
                  {(f) => <Select {...f} options={[0, 1, 2, 3, 4, 5, 6].map((d) => ({ value: String(d), label: tw(String(d) as "0") }))} {...register(`workingHours.${i}.weekday`)} />}
                </FormField>
                <FormField label={t("start")} error={hourError(i, "start")}>{(f) => <Input {...f} placeholder="08:00" {...register(`workingHours.${i}.start`)} />}</FormField>
                <FormField label={t("end")} error={hourError(i, "end")}>{(f) => <Input {...f} placeholder="12:00" {...register(`workingHours.${i}.end`)} />}</FormField>
                <Button variant="ghost" size="sm" className="sm:mt-7" onClick={() => hours.remove(i)}>{t("removeInterval")}</Button>
              </li>
            ))}
          </ul>
        </CardBody>
      </Card>
      <Button type="submit" loading={formState.isSubmitting}>{t("save")}</Button>
    </form>
  );
}
