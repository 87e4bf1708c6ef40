import { FREE_TEXT, sealText } from "@/lib/crypto/free-text";
import { lookupHash, sealField } from "@/lib/crypto/config";
import { SP_IBGE } from "./names";
import type { SeedTx } from "./db";
import type { PatientSpec } from "./patient-data";

// Inserts the generated patients that are missing, keyed by (tenant_id, cpf_hash), and gives
// allergies, emergency contacts and consents only to the rows this run actually created, so a
// rerun adds nothing and an edited patient is never touched.

const TERM_VERSION = "demo-2026-01";

export type PatientContext = {
  tenantId: string;
  providers: Map<string, string>;
  /** The portal user linked to the first patient, if any. */
  linkedUserId: string | null;
  /** Who "registered" them (the receptionist) and who noted allergies (a doctor). */
  createdBy: string | null;
  recordedBy: string | null;
};

function row(ctx: PatientContext, p: PatientSpec, cpfHash: string, isFirst: boolean) {
  return {
    fullName: p.fullName, socialName: p.socialName, searchName: p.searchName,
    cpfEnc: sealField(ctx.tenantId, "patients.cpf", p.cpf), cpfHash, cns: p.cns,
    birthDate: p.birthDate, sex: p.sex, email: p.email, phone: p.phone,
    cep: p.address?.cep ?? null, street: p.address?.street ?? null, number: p.address?.number ?? null,
    complement: p.address?.complement ?? null, district: p.address?.district ?? null,
    city: p.address ? "São Paulo" : null, ibgeCode: p.address ? SP_IBGE : null, uf: p.address ? "SP" : null,
    insuranceProviderId: p.insurance ? (ctx.providers.get(p.insurance.provider) ?? null) : null,
    insurancePlan: p.insurance?.plan ?? null, insuranceCardNumber: p.insurance?.card ?? null,
    insuranceValidUntil: p.insurance?.validUntil ?? null,
    deniesAllergies: p.deniesAllergies, consentEmail: p.consentEmail, consentSms: p.consentSms,
    consentWhatsapp: p.consentWhatsapp, userId: isFirst ? ctx.linkedUserId : null, createdBy: ctx.createdBy,
  };
}

export async function ensurePatients(tx: SeedTx, ctx: PatientContext, specs: PatientSpec[]): Promise<number> {
  const hashes = specs.map((p) => lookupHash(ctx.tenantId, "cpf", p.cpf));
  const existing = await tx.patient.findMany({
    where: { tenantId: ctx.tenantId, cpfHash: { in: hashes } }, select: { cpfHash: true },
  });
  const have = new Set(existing.map((p) => p.cpfHash));
  const missing = specs.map((p, i) => ({ p, i, hash: hashes[i]! })).filter((m) => !have.has(m.hash));
  if (missing.length === 0) return 0;

  // skipDuplicates: a concurrent seed may have inserted the same CPF since the read above;
  // RETURNING then lists only our rows, so children are never attached twice.
  const made = await tx.patient.createManyAndReturn({
    data: missing.map((m) => row(ctx, m.p, m.hash, m.i === 0)),
    skipDuplicates: true,
    select: { id: true, cpfHash: true },
  });
  const byHash = new Map(missing.map((m) => [m.hash, m.p]));
  const created = made.map((r) => ({ id: r.id, spec: byHash.get(r.cpfHash!)! }));

  const allergies = created.flatMap(({ id, spec }) =>
    spec.allergies.map((a) => ({
      patientId: id, substance: a.substance, severity: a.severity, recordedBy: ctx.recordedBy,
      reactionEnc: sealText(ctx.tenantId, FREE_TEXT.allergyReaction, a.reaction),
    })));
  const contacts = created.flatMap(({ id, spec }) => (spec.contact ? [{ patientId: id, ...spec.contact }] : []));
  const consents = created.flatMap(({ id, spec }) => [
    ...(spec.consentEmail ? ["COMMUNICATION_EMAIL" as const] : []),
    ...(spec.consentSms ? ["COMMUNICATION_SMS" as const] : []),
    ...(spec.consentWhatsapp ? ["COMMUNICATION_WHATSAPP" as const] : []),
  ].map((purpose) => ({
    patientId: id, purpose, legalBasis: "CONSENT" as const, termVersion: TERM_VERSION, recordedBy: ctx.createdBy,
  })));
  if (allergies.length) await tx.patientAllergy.createMany({ data: allergies });
  if (contacts.length) await tx.patientEmergencyContact.createMany({ data: contacts });
  if (consents.length) await tx.consent.createMany({ data: consents });
  return made.length;
}
