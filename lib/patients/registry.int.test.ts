import { beforeAll, describe, expect, it } from "vitest";
import { openAuditChanges, type AuditChanges } from "@/lib/audit/changes";
import { formatCpf, generateCpf } from "@/lib/br/documents";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import {
  asOwner, createPatient as factoryPatient, createTenant, createUser, ensureRoles, scopeFor, type TestTenant,
} from "@/lib/testing/factories";
import { addAllergy, DENIAL_WITH_ACTIVE, inactivateAllergy, setDeniesAllergies } from "./allergies";
import { setCommunicationConsents } from "./consents";
import { archivePatient, createPatient, preRegisterPatient, unarchivePatient, updatePatient } from "./mutations";
import { getPatient } from "./queries";
import { MSG } from "./record-schemas";

// The registry as the desk uses it, through the app role: validation with field errors and
// nothing saved, one identity per CPF/CNS, archive instead of delete, allergy rules, consents
// apart from care, audit without plaintext CPF, other clinics' ids not found, roles refused.

let clinic: TestTenant;
let other: TestTenant;
let desk: Context;
let insurerId: string;

const VALID_CNS = "898001160660001";
const form = (over: Record<string, unknown> = {}) => ({
  fullName: "Helena Duarte Prado", cpf: formatCpf(generateCpf()), birthDate: "03/04/1985", sex: "FEMALE",
  phone: "(21) 99876-5432", email: "helena@example.test", cep: "01310-100", street: "Av. Paulista", number: "1000",
  city: "São Paulo", uf: "SP", insuranceProviderId: insurerId, insurancePlan: "Ouro", insuranceCardNumber: "123456789",
  insuranceValidUntil: "31/12/2027", emergencyContacts: [{ name: "Paulo Prado", relationship: "Cônjuge", phone: "21988887777" }],
  communication: { email: true, sms: false, whatsapp: true }, ...over,
});

const count = async (tenant: TestTenant, table: string) =>
  Number((await asOwner<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = $1`, [tenant.id]))[0]!.n);

beforeAll(async () => {
  await ensureRoles();
  [clinic, other] = await Promise.all([createTenant(), createTenant()]);
  const secretary = await createUser(clinic, { roles: ["secretary"] });
  desk = scopeFor(clinic, secretary, ["secretary"]);
  insurerId = await withTenant(desk, async (tx) => (await tx.insuranceProvider.create({ data: { name: "Saúde Mais" }, select: { id: true } })).id);
});

describe("createPatient", () => {
  it("saves the full registration, contacts and communication consents, and audits without the CPF", async () => {
    const input = form();
    const { id } = await createPatient(desk, input);
    const record = await getPatient(desk, id);
    expect(record).toMatchObject({
      fullName: "Helena Duarte Prado", cpf: input.cpf, birthDate: "03/04/1985", phone: "21998765432", incomplete: false,
      address: { cep: "01310100", uf: "SP" }, insurance: { providerName: "Saúde Mais", cardNumber: "123456789", validUntil: "31/12/2027" },
      communication: { email: true, sms: false, whatsapp: true }, emergencyContacts: [{ name: "Paulo Prado", phone: "21988887777" }],
    });
    const consents = await asOwner<{ purpose: string; term_version: string }>(
      "SELECT purpose, term_version FROM consents WHERE patient_id = $1 ORDER BY purpose", [id]);
    expect(consents.map((c) => c.purpose)).toEqual(["COMMUNICATION_EMAIL", "COMMUNICATION_WHATSAPP"]);
    const audit = await asOwner<{ metadata: unknown }>("SELECT metadata FROM audit_logs WHERE entity_id = $1 AND action = 'patient.created'", [id]);
    const text = JSON.stringify(audit);
    // Field names in clear; no value at all (names, phone, birth date, address are sealed).
    for (const value of ["Helena", "21998765432", "1985-04-03", "Paulista", "01310100", input.cpf.replace(/\D/g, "")]) expect(text).not.toContain(value);
    expect((audit[0]!.metadata as { changes: { changed: string[] } }).changes.changed).toEqual(expect.arrayContaining(["cpf", "fullName", "phone", "birthDate", "street"]));
    const views = await asOwner("SELECT 1 FROM data_access_logs WHERE patient_id = $1 AND data_type = 'patient_record'", [id]);
    expect(views).toHaveLength(1);
  });

  it("refuses an invalid CPF with a field error and saves nothing", async () => {
    const before = await count(clinic, "patients");
    await expect(createPatient(desk, form({ cpf: "123.456.789-00" }))).rejects.toMatchObject({ code: "validation", fields: { cpf: [MSG.cpfInvalid] } });
    expect(await count(clinic, "patients")).toBe(before);
  });

  it("requires a CPF unless newborn, and a passport for a foreigner", async () => {
    await expect(createPatient(desk, form({ cpf: "" }))).rejects.toMatchObject({ fields: { cpf: [MSG.cpfRequired] } });
    await expect(createPatient(desk, form({ cpf: "", documentException: "foreigner" }))).rejects.toMatchObject({ fields: { passport: [MSG.passportRequired] } });
    const foreigner = await createPatient(desk, form({ cpf: "", documentException: "foreigner", passport: "ab123456" }));
    expect(await getPatient(desk, foreigner.id)).toMatchObject({ cpf: null, passport: "AB123456", documentException: "foreigner" });
    const newborn = await createPatient(desk, form({ cpf: "", documentException: "newborn", cns: VALID_CNS }));
    expect(await getPatient(desk, newborn.id)).toMatchObject({ cpf: null, cns: VALID_CNS, documentException: "newborn" });
  });

  it("keeps one identity per CPF and per CNS in a clinic, but not across clinics", async () => {
    const cpf = formatCpf(generateCpf());
    await createPatient(desk, form({ cpf }));
    const before = await count(clinic, "patients");
    await expect(createPatient(desk, form({ cpf, fullName: "Outra Pessoa" }))).rejects.toMatchObject({ code: "conflict", fields: { cpf: [MSG.cpfTaken] } });
    await expect(createPatient(desk, form({ cns: VALID_CNS }))).rejects.toMatchObject({ code: "conflict", fields: { cns: [MSG.cnsTaken] } });
    expect(await count(clinic, "patients")).toBe(before);
    const elsewhere = scopeFor(other, null, ["secretary"]);
    await expect(createPatient(elsewhere, form({ cpf, insuranceProviderId: "" }))).resolves.toHaveProperty("id");
  });

  it("refuses an insurer of another clinic as a field error", async () => {
    const foreignInsurer = await withTenant(scopeFor(other), async (tx) => (await tx.insuranceProvider.create({ data: { name: "Alheio" }, select: { id: true } })).id);
    await expect(createPatient(desk, form({ insuranceProviderId: foreignInsurer }))).rejects.toMatchObject({ fields: { insuranceProviderId: [MSG.insurer] } });
  });
});

describe("pre-registration, update, archive", () => {
  it("pre-registers with name and phone, then completes with the full form", async () => {
    await expect(preRegisterPatient(desk, { fullName: "Rui", phone: "" })).rejects.toMatchObject({ fields: { phone: [MSG.phoneRequired] } });
    const { id } = await preRegisterPatient(desk, { fullName: "Rui Barbosa Neto", phone: "11 91234-5678" });
    expect(await getPatient(desk, id)).toMatchObject({ incomplete: true, phone: "11912345678", cpf: null });
    await updatePatient(desk, id, form({ fullName: "Rui Barbosa Neto", communication: undefined }));
    expect(await getPatient(desk, id)).toMatchObject({ incomplete: false, birthDate: "03/04/1985" });
    const audit = await asOwner<{ action: string }>("SELECT action FROM audit_logs WHERE entity_id = $1 ORDER BY seq", [id]);
    expect(audit.map((a) => a.action)).toEqual(["patient.pre_registered", "patient.completed"]);
  });

  it("audits before/after of an edit and leaves the record unchanged on a bad edit", async () => {
    const { id } = await createPatient(desk, form());
    await updatePatient(desk, id, form({ fullName: "Helena D. Prado", phone: "21 3333-4444", cpf: (await getPatient(desk, id)).cpf }));
    const [row] = await asOwner<{ metadata: { changes: AuditChanges } }>(
      "SELECT metadata FROM audit_logs WHERE entity_id = $1 AND action = 'patient.updated'", [id]);
    expect(row!.metadata.changes.changed).toEqual(["fullName", "phone"]);
    expect(JSON.stringify(row)).not.toContain("Helena");
    // The history is there for whoever may read the trail, under the patient's own key.
    const values = await withTenant(desk, (tx) => openAuditChanges(tx, desk.tenantId, { type: "PATIENT", id }, row!.metadata.changes));
    expect(values).toEqual({ fullName: { from: "Helena Duarte Prado", to: "Helena D. Prado" }, phone: { from: "21998765432", to: "2133334444" } });
    await expect(updatePatient(desk, id, form({ birthDate: "31/02/2000" }))).rejects.toMatchObject({ fields: { birthDate: [MSG.date] } });
    expect(await getPatient(desk, id)).toMatchObject({ fullName: "Helena D. Prado" });
  });

  it("archives and reactivates, never deletes, and refuses edits while archived", async () => {
    const { id } = await createPatient(desk, form());
    await archivePatient(desk, id);
    expect(await getPatient(desk, id)).toMatchObject({ status: "ARCHIVED" });
    await expect(updatePatient(desk, id, form())).rejects.toMatchObject({ code: "conflict" });
    await expect(archivePatient(desk, id)).rejects.toMatchObject({ code: "conflict" });
    await unarchivePatient(desk, id);
    expect(await getPatient(desk, id)).toMatchObject({ status: "ACTIVE", archivedAt: null });
  });
});

describe("allergies and consents", () => {
  it("keeps 'denies allergies' and active allergies mutually exclusive", async () => {
    const { id } = await createPatient(desk, form());
    await setDeniesAllergies(desk, id, true);
    const { id: allergyId } = await addAllergy(desk, id, { substance: "Dipirona", reaction: "Urticária", severity: "MODERATE" });
    expect(await getPatient(desk, id)).toMatchObject({ deniesAllergies: false, allergies: [{ substance: "Dipirona", inactiveAt: null }] });
    await expect(setDeniesAllergies(desk, id, true)).rejects.toMatchObject({ code: "conflict", message: DENIAL_WITH_ACTIVE });
    await inactivateAllergy(desk, id, allergyId);
    await setDeniesAllergies(desk, id, true);
    expect(await getPatient(desk, id)).toMatchObject({ deniesAllergies: true, allergies: [{ id: allergyId }] });
    await expect(addAllergy(desk, id, { substance: "", severity: "HIGH" })).rejects.toMatchObject({ code: "validation" });
  });

  it("changes communication consents apart from consent to care, revoking instead of deleting", async () => {
    const { id } = await createPatient(desk, form());
    await withTenant(desk, (tx) => tx.consent.create({ data: { patientId: id, purpose: "HEALTH_CARE", legalBasis: "HEALTH_PROTECTION", termVersion: "x" } }));
    await setCommunicationConsents(desk, id, { email: false, sms: true, whatsapp: true });
    const rows = await asOwner<{ purpose: string; revoked: boolean }>(
      "SELECT purpose, revoked_at IS NOT NULL AS revoked FROM consents WHERE patient_id = $1 ORDER BY purpose::text, given_at", [id]);
    expect(rows).toEqual([
      { purpose: "COMMUNICATION_EMAIL", revoked: true }, { purpose: "COMMUNICATION_SMS", revoked: false },
      { purpose: "COMMUNICATION_WHATSAPP", revoked: false }, { purpose: "HEALTH_CARE", revoked: false },
    ]);
    expect((await getPatient(desk, id)).communication).toEqual({ email: false, sms: true, whatsapp: true });
  });
});

describe("isolation and roles", () => {
  it("answers not found for another clinic's patient on every function", async () => {
    const foreign = await factoryPatient(other, { fullName: "Paciente Alheio" });
    const calls = [
      () => getPatient(desk, foreign.id), () => updatePatient(desk, foreign.id, form()), () => archivePatient(desk, foreign.id),
      () => unarchivePatient(desk, foreign.id), () => addAllergy(desk, foreign.id, { substance: "Látex", severity: "MILD" }),
      () => setDeniesAllergies(desk, foreign.id, true), () => setCommunicationConsents(desk, foreign.id, { sms: true }),
      () => getPatient(desk, "not-a-uuid"),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: "not_found" });
    expect(await asOwner("SELECT status FROM patients WHERE id = $1", [foreign.id])).toEqual([{ status: "ACTIVE" }]);
  });

  it("lets finance and doctors read but not register; patients neither", async () => {
    const { id } = await createPatient(desk, form());
    const finance = scopeFor(clinic, null, ["finance"]);
    const doctor = scopeFor(clinic, null, ["doctor"]);
    const patient = scopeFor(clinic, null, ["patient"]);
    await expect(getPatient(finance, id)).resolves.toHaveProperty("id", id);
    for (const ctx of [finance, doctor, patient]) {
      await expect(createPatient(ctx, form())).rejects.toMatchObject({ code: "forbidden" });
      await expect(updatePatient(ctx, id, form())).rejects.toMatchObject({ code: "forbidden" });
      await expect(archivePatient(ctx, id)).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(getPatient(patient, id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(addAllergy(finance, id, { substance: "Látex", severity: "MILD" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(addAllergy(doctor, id, { substance: "Látex", severity: "MILD" })).resolves.toHaveProperty("id");
  });
});
