import type { ALLERGY_SEVERITIES, DOCUMENT_EXCEPTIONS, SEXES } from "./record-schemas";

// The patient record as pages and /api/v1 see it (client-safe, no Prisma types). Dates are
// dd/mm/aaaa strings (calendar dates, no time zone) or ISO instants (`*At`).

export type PatientAllergyDto = {
  id: string;
  substance: string;
  reaction: string | null;
  severity: (typeof ALLERGY_SEVERITIES)[number];
  notedAt: string;
  inactiveAt: string | null;
  /** What the allergy is coded to in the drug catalogue (optional; the substance text always counts). */
  coding: { ingredient: { id: string; name: string } | null; drugClass: string | null };
};

export type EmergencyContactDto = { id: string; name: string; relationship: string; phone: string };

export type PatientRecord = {
  id: string;
  status: "ACTIVE" | "ARCHIVED" | "ANONYMIZED";
  /** Pre-registration (name and phone) still to be completed. */
  incomplete: boolean;
  fullName: string;
  socialName: string | null;
  /** Formatted (000.000.000-00); null when absent. */
  cpf: string | null;
  cns: string | null;
  passport: string | null;
  /** Derived: no CPF and a passport → foreigner; no CPF, complete record → newborn. */
  documentException: (typeof DOCUMENT_EXCEPTIONS)[number] | null;
  birthDate: string | null;
  sex: (typeof SEXES)[number];
  email: string | null;
  phone: string | null;
  address: {
    cep: string | null; street: string | null; number: string | null; complement: string | null;
    district: string | null; city: string | null; uf: string | null;
  };
  insurance: {
    providerId: string | null; providerName: string | null; plan: string | null;
    cardNumber: string | null; validUntil: string | null;
  };
  deniesAllergies: boolean;
  allergies: PatientAllergyDto[];
  emergencyContacts: EmergencyContactDto[];
  /** Per-channel communication consent (LGPD), apart from consent to care. */
  communication: { email: boolean; sms: boolean; whatsapp: boolean };
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type InsurerOption = { id: string; name: string; active: boolean };
