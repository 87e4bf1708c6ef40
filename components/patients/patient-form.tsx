"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { get, useFieldArray, useForm, useWatch, type Path } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormField as Field } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { UFS } from "@/lib/br/documents";
import { patientCreateSchema, patientUpdateSchema, SEXES, type PatientCreateInput } from "@/lib/patients/record-schemas";
import type { InsurerOption } from "@/lib/patients/record-types";
import { patientHref } from "./links";
import type { PatientAction } from "./types";
import { masked, type MaskKind } from "@/components/ui/masked";
import { formatTyped } from "@/lib/br/masks";
import { useCepAutofill, type CepLookupAction } from "./use-cep-autofill";

type Values = PatientCreateInput;
type Props = {
  insurers: InsurerOption[];
  /** Given: edit (and complete) that patient; absent: a new registration. */
  patientId?: string;
  defaults?: Partial<Values>;
  create?: PatientAction;
  update?: PatientAction<[string, unknown]>;
  /** Address by CEP (lib/address/cep-lookup.ts); absent, the address is typed by hand. */
  lookupCep?: CepLookupAction;
};

const EMPTY: Values = {
  fullName: "", socialName: "", documentException: "", cpf: "", cns: "", passport: "", birthDate: "", sex: "UNKNOWN",
  email: "", phone: "", cep: "", street: "", number: "", complement: "", district: "", city: "", uf: "",
  insuranceProviderId: "", insurancePlan: "", insuranceCardNumber: "", insuranceValidUntil: "", emergencyContacts: [],
  communication: { email: false, sms: false, whatsapp: false },
};

/** Stored values as the masks show them (a phone is stored as digits). */
function shown(v: Values): Values {
  return {
    ...v, phone: formatTyped("phone", v.phone ?? ""), cep: formatTyped("cep", v.cep ?? ""), cns: formatTyped("cns", v.cns ?? ""),
    emergencyContacts: (v.emergencyContacts ?? []).map((c) => ({ ...c, phone: formatTyped("phone", c.phone ?? "") })),
  };
}

/** The full registration form, for a new patient or an edit; validated with the server's schema. */
export function PatientForm({ insurers, patientId, defaults, create, update, lookupCep }: Props) {
  const t = useTranslations("patientRecord");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const isNew = !patientId;
  const form = useForm<Values>({
    resolver: zodResolver(isNew ? patientCreateSchema : patientUpdateSchema) as never,
    defaultValues: shown({ ...EMPTY, ...defaults }),
    mode: "onTouched",
  });
  const { register, handleSubmit, formState, setError: setFieldError, getValues } = form;
  const contacts = useFieldArray({ control: form.control, name: "emergencyContacts" });
  // After "Remover contato", focus goes to a neighbour: the contact that took its place, else the
  // one before, else the add button (never the page body).
  const addContact = useRef<HTMLButtonElement>(null);
  const removedAt = useRef<number | null>(null);
  useEffect(() => {
    if (removedAt.current === null) return;
    const target = Math.min(removedAt.current, contacts.fields.length - 1);
    removedAt.current = null;
    if (target >= 0) form.setFocus(`emergencyContacts.${target}.name`);
    else addContact.current?.focus();
  }, [contacts.fields.length, form]);
  const exception = useWatch({ control: form.control, name: "documentException" });
  const filledByCep = useCepAutofill(form, lookupCep);
  const err = (name: string) => (get(formState.errors, name) as { message?: string } | undefined)?.message;

  const onSubmit = handleSubmit(async () => {
    setError(null);
    const values = getValues();
    const result = patientId ? await update!(patientId, values) : await create!(values);
    if (result.ok) {
      router.push(patientHref(result.id ?? patientId!));
      return;
    }
    for (const [field, messages] of Object.entries(result.fields ?? {})) {
      setFieldError(field as Path<Values>, { message: messages[0] }, { shouldFocus: true });
    }
    setError(result.message);
  });

  const text = (name: Path<Values>, label: string, extra: Parameters<typeof Input>[0] = {}, required = false, mask?: MaskKind) => (
    <Field id={`patient-${name.replace(/\./g, "-")}`} label={label} error={err(name)} required={required}>
      {(field) => <Input {...field} {...extra} {...(mask ? masked(mask, register(name)) : register(name))} />}
    </Field>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-label={isNew ? t("form.newTitle") : t("form.editTitle")}>
      {error && <Alert tone="danger">{error}</Alert>}
      <Card>
        <CardHeader title={t("sections.identification")} />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          {text("fullName", t("fields.fullName"), { autoComplete: "off" }, true)}
          {text("socialName", t("fields.socialName"), { autoComplete: "off" })}
          <Field id="patient-documentException" label={t("fields.documentException")} error={err("documentException")}>
            {(field) => (
              <Select {...field} {...register("documentException")} options={[
                { value: "", label: t("documentException.none") },
                { value: "newborn", label: t("documentException.newborn") },
                { value: "foreigner", label: t("documentException.foreigner") },
              ]} />
            )}
          </Field>
          {text("cpf", t("fields.cpf"), { inputMode: "numeric", placeholder: "000.000.000-00" }, !exception, "cpf")}
          {text("cns", t("fields.cns"), { inputMode: "numeric", placeholder: "000 0000 0000 0000" }, false, "cns")}
          {text("passport", t("fields.passport"), {}, exception === "foreigner")}
          {text("birthDate", t("fields.birthDate"), { placeholder: "dd/mm/aaaa", inputMode: "numeric" }, true, "date")}
          <Field id="patient-sex" label={t("fields.sex")} error={err("sex")}>
            {(field) => <Select {...field} {...register("sex")} options={SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }))} />}
          </Field>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title={t("sections.contact")} />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          {text("phone", t("fields.phone"), { type: "tel", placeholder: "(11) 98765-4321" }, true, "phone")}
          {text("email", t("fields.email"), { type: "email" })}
          {text("cep", t("fields.cep"), { inputMode: "numeric", placeholder: "00000-000" }, false, "cep")}
          <p role="status" className={filledByCep ? "text-sm text-fg-muted sm:col-span-2" : "sr-only"}>{filledByCep ? t("form.filledByCep") : ""}</p>
          {text("street", t("fields.street"))}
          {text("number", t("fields.number"))}
          {text("complement", t("fields.complement"))}
          {text("district", t("fields.district"))}
          {text("city", t("fields.city"))}
          <Field id="patient-uf" label={t("fields.uf")} error={err("uf")}>
            {(field) => <Select {...field} {...register("uf")} placeholder="—" options={UFS.map((uf) => ({ value: uf, label: uf }))} />}
          </Field>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title={t("sections.insurance")} />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <Field id="patient-insuranceProviderId" label={t("fields.insurer")} error={err("insuranceProviderId")}>
            {(field) => (
              <Select {...field} {...register("insuranceProviderId")} placeholder={t("noInsurance")}
                options={insurers.map((i) => ({ value: i.id, label: i.name }))} />
            )}
          </Field>
          {text("insurancePlan", t("fields.insurancePlan"))}
          {text("insuranceCardNumber", t("fields.insuranceCardNumber"))}
          {text("insuranceValidUntil", t("fields.insuranceValidUntil"), { placeholder: "dd/mm/aaaa", inputMode: "numeric" }, false, "date")}
        </CardBody>
      </Card>

      <Card>
        <CardHeader title={t("sections.emergencyContacts")} actions={contacts.fields.length < 3 && (
          <Button ref={addContact} variant="secondary" size="sm" onClick={() => contacts.append({ name: "", relationship: "", phone: "" })}>
            {t("emergency.add")}
          </Button>
        )} />
        <CardBody className="space-y-4">
          {contacts.fields.length === 0 && <p className="text-sm text-fg-muted">{t("emergency.none")}</p>}
          {contacts.fields.map((c, i) => (
            <fieldset key={c.id} className="grid gap-4 sm:grid-cols-[1fr_12rem_12rem_auto] sm:items-end">
              <legend className="sr-only">{t("emergency.legend", { n: i + 1 })}</legend>
              {text(`emergencyContacts.${i}.name`, t("emergency.name", { n: i + 1 }), {}, true)}
              {text(`emergencyContacts.${i}.relationship`, t("emergency.relationship", { n: i + 1 }), {}, true)}
              {text(`emergencyContacts.${i}.phone`, t("emergency.phone", { n: i + 1 }), { type: "tel" }, true, "phone")}
              <Button variant="ghost" size="sm" onClick={() => { removedAt.current = i; contacts.remove(i); }}>{t("emergency.remove", { n: i + 1 })}</Button>
            </fieldset>
          ))}
        </CardBody>
      </Card>

      {isNew && (
        <Card>
          <CardHeader title={t("sections.communication")} description={t("communication.hint")} />
          <CardBody className="flex flex-wrap gap-6">
            {(["email", "sms", "whatsapp"] as const).map((ch) => (
              <label key={ch} className="flex items-center gap-2 text-sm">
                <input type="checkbox" id={`patient-communication-${ch}`} {...register(`communication.${ch}`)} />
                {t(`communication.${ch}`)}
              </label>
            ))}
          </CardBody>
        </Card>
      )}

      <div className="flex justify-end gap-3">
        <Button type="submit" loading={formState.isSubmitting}>{isNew ? t("form.create") : t("form.save")}</Button>
      </div>
    </form>
  );
}
