import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { formatCns } from "@/lib/br/documents";
import { formatCep, formatPhone } from "@/lib/patients/br-input";
import type { PatientRecord } from "@/lib/patients/record-types";

function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt className="text-sm text-fg-muted">{label}</dt>
          <dd className="text-fg">{value || "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The read-only sections of a patient's record: identification, contact, insurance, contacts. */
export function RecordDetails({ patient: p }: { patient: PatientRecord }) {
  const t = useTranslations("patientRecord");
  const a = p.address;
  const street = [a.street, a.number, a.complement].filter(Boolean).join(", ");
  const place = [a.district, a.city && a.uf ? `${a.city}/${a.uf}` : a.city].filter(Boolean).join(" — ");
  return (
    <>
      <Card aria-labelledby="identification-title">
        <CardHeader titleId="identification-title" title={t("sections.identification")} />
        <CardBody>
          <Facts items={[
            [t("fields.fullName"), p.fullName], [t("fields.socialName"), p.socialName],
            [t("fields.cpf"), p.cpf ?? (p.documentException ? t(`documentException.${p.documentException}`) : null)],
            [t("fields.cns"), p.cns ? formatCns(p.cns) : null], [t("fields.passport"), p.passport],
            [t("fields.birthDate"), p.birthDate], [t("fields.sex"), t(`sex.${p.sex}`)],
          ]} />
        </CardBody>
      </Card>
      <Card aria-labelledby="contact-title">
        <CardHeader titleId="contact-title" title={t("sections.contact")} />
        <CardBody>
          <Facts items={[
            [t("fields.phone"), formatPhone(p.phone)], [t("fields.email"), p.email],
            [t("fields.cep"), formatCep(a.cep)], [t("fields.address"), street], [t("fields.place"), place],
          ]} />
        </CardBody>
      </Card>
      <Card aria-labelledby="insurance-title">
        <CardHeader titleId="insurance-title" title={t("sections.insurance")} />
        <CardBody>
          <Facts items={[
            [t("fields.insurer"), p.insurance.providerName ?? t("noInsurance")], [t("fields.insurancePlan"), p.insurance.plan],
            [t("fields.insuranceCardNumber"), p.insurance.cardNumber], [t("fields.insuranceValidUntil"), p.insurance.validUntil],
          ]} />
        </CardBody>
      </Card>
      <Card aria-labelledby="emergency-title">
        <CardHeader titleId="emergency-title" title={t("sections.emergencyContacts")} />
        <CardBody>
          {p.emergencyContacts.length === 0 ? <p className="text-sm text-fg-muted">{t("emergency.none")}</p> : (
            <ul className="space-y-1">
              {p.emergencyContacts.map((c) => (
                <li key={c.id}>{c.name} ({c.relationship}) — {formatPhone(c.phone)}</li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
    </>
  );
}
