import type { PatientCreateInput } from "@/lib/patients/record-schemas";
import type { PatientRecord } from "@/lib/patients/record-types";
import { formatCep, formatPhone } from "@/lib/patients/br-input";

/** A stored record as the registration form's values (strings, masks applied). */
export function toFormValues(p: PatientRecord): Partial<PatientCreateInput> {
  return {
    fullName: p.fullName, socialName: p.socialName ?? "", documentException: p.documentException ?? "",
    cpf: p.cpf ?? "", cns: p.cns ?? "", passport: p.passport ?? "", birthDate: p.birthDate ?? "", sex: p.sex,
    email: p.email ?? "", phone: formatPhone(p.phone), cep: formatCep(p.address.cep), street: p.address.street ?? "",
    number: p.address.number ?? "", complement: p.address.complement ?? "", district: p.address.district ?? "",
    city: p.address.city ?? "", uf: p.address.uf ?? "", insuranceProviderId: p.insurance.providerId ?? "",
    insurancePlan: p.insurance.plan ?? "", insuranceCardNumber: p.insurance.cardNumber ?? "",
    insuranceValidUntil: p.insurance.validUntil ?? "",
    emergencyContacts: p.emergencyContacts.map((c) => ({ name: c.name, relationship: c.relationship, phone: formatPhone(c.phone) })),
  };
}
