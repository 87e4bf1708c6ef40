import { lookupHash, sealField } from "@/lib/crypto/config";
import { toSearchName } from "@/lib/patients/search-name";
import { FEMALE_NAMES, MALE_NAMES, MIDDLE_NAMES, SURNAMES } from "../../prisma/seed/names";
import { cpfFromBase } from "../../prisma/seed/br";
import { mulberry32 } from "../../prisma/seed/random";

// Deterministic benchmark data: the same scale gives the same patients, so a rerun measures the
// same thing and the load generator can compute valid queries (a seeded CPF, a seeded phone)
// without reading them back from the database.

export type Shape = {
  scale: number;
  largePatients: number;
  largeAppointments: number;
  largeDoctors: number;
  smallTenants: number;
  smallPatients: number;
  smallAppointments: number;
  smallDoctors: number;
};

export function shapeFor(scale: number): Shape {
  const n = (full: number, min: number) => Math.max(min, Math.round(full * scale));
  return {
    scale,
    largePatients: n(1_000_000, 1_000),
    largeAppointments: n(3_000_000, 3_000),
    // 12,000 appointments per doctor: ~750 working days of 16 booked slots (08:00–16:00).
    largeDoctors: n(250, 2),
    smallTenants: 49,
    smallPatients: n(2_000, 100),
    smallAppointments: n(6_000, 300),
    smallDoctors: 3,
  };
}

/** Seeded slots per working day: 08:00–16:00 of an 08:00–18:00 agenda; 16:00–18:00 stays free. */
export const SEEDED_SLOTS_PER_DAY = 16;
export const SLOTS_PER_DAY = 20;
export const SLOT_MINUTES = 30;
export const DAY_START_MINUTE = 8 * 60;
export const TIME_ZONE = "America/Sao_Paulo";
export const BENCH_PASSWORD = "Bench-Senha-2026!";

// Ids the SQL side can compute too: <tenant ordinal>-<kind>-7000-8000-<n>, a valid version-7-
// shaped UUID (zod's z.uuid() accepts it) that sorts in creation order like the app's uuid(7).
export const KIND = { patient: 0, doctor: 1, agenda: 2, appointment: 3, staff: 4, hours: 5, role: 6, record: 7, diagnosis: 8 } as const;
export function benchId(tenant: number, kind: number, n: number): string {
  return `${tenant.toString(16).padStart(8, "0")}-${kind.toString(16).padStart(4, "0")}-7000-8000-${n.toString(16).padStart(12, "0")}`;
}
export const BENCH_ID_SQL = `CREATE FUNCTION pg_temp.bench_id(t int, kind int, n bigint) RETURNS uuid IMMUTABLE LANGUAGE sql AS
  $$ SELECT (lpad(to_hex(t), 8, '0') || '-' || lpad(to_hex(kind), 4, '0') || '-7000-8000-' || lpad(to_hex(n), 12, '0'))::uuid $$`;

export const slugOf = (tenant: number) => (tenant === 0 ? "bench-large" : `bench-small-${String(tenant).padStart(2, "0")}`);


// About 1 patient in 2,000 carries a rare first name or surname: the search mix asks for both.
export const RARE_FIRST = ["Eulália", "Zuleica", "Hermenegildo", "Ubirajara", "Iracema", "Anacleto", "Filomena", "Teodósio"];
export const RARE_SURNAMES = ["Wanderley", "Quintanilha", "Bittencourt", "Vasconcellos", "Tavolaro", "Yamamoto", "Zanetti", "Kowalski"];

export type PatientRow = {
  id: string; fullName: string; searchName: string; cpf: string; phone: string; birthDate: string; sex: "FEMALE" | "MALE";
};

export function cpfOf(tenant: number, i: number): string {
  return cpfFromBase(String(tenant * 10_000_000 + i + 1).padStart(9, "0"));
}
export function phoneOf(tenant: number, i: number): string {
  return `119${String((i * 7_919 + tenant * 104_729) % 100_000_000).padStart(8, "0")}`;
}

export function patientRow(tenant: number, i: number): PatientRow {
  const r = mulberry32(tenant * 100_000_007 + i);
  const sex = r() < 0.5 ? "FEMALE" : "MALE";
  const firsts = sex === "FEMALE" ? FEMALE_NAMES : MALE_NAMES;
  const first = r() < 0.0005 ? RARE_FIRST[Math.floor(r() * RARE_FIRST.length)]! : firsts[Math.floor(r() * firsts.length)]!;
  const middle = r() < 0.4 ? ` ${MIDDLE_NAMES[sex][Math.floor(r() * MIDDLE_NAMES[sex].length)]}` : "";
  const s1 = SURNAMES[Math.floor(r() * SURNAMES.length)]!;
  const s2 = r() < 0.0005 ? RARE_SURNAMES[Math.floor(r() * RARE_SURNAMES.length)]! : SURNAMES[Math.floor(r() * SURNAMES.length)]!;
  const fullName = `${first}${middle} ${s1} ${s2}`;
  const birth = new Date(Date.UTC(1940, 0, 1) + Math.floor(r() * 80 * 365.25) * 86_400_000);
  return {
    id: benchId(tenant, KIND.patient, i), fullName, searchName: toSearchName(fullName), cpf: cpfOf(tenant, i),
    phone: phoneOf(tenant, i), birthDate: birth.toISOString().slice(0, 10), sex,
  };
}

const csv = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export const PATIENT_COPY_COLUMNS = "id, tenant_id, full_name, search_name, cpf_enc, cpf_hash, birth_date, sex, phone, created_at, updated_at";

/**
 * One CSV line per patient, exactly as lib/patients writes it: search_name by toSearchName, the
 * CPF sealed with the tenant's AAD (AES-256-GCM, random IV) and its per-tenant HMAC blind index.
 */
export function patientCsv(tenant: number, tenantId: string, i: number): string {
  const p = patientRow(tenant, i);
  return [
    p.id, tenantId, csv(p.fullName), csv(p.searchName), sealField(tenantId, "patients.cpf", p.cpf),
    lookupHash(tenantId, "cpf", p.cpf), p.birthDate, p.sex, p.phone, "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z",
  ].join(",");
}
