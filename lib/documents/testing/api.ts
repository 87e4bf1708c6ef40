import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { accessTokenFor, apiRequest, idParams } from "@/lib/api/testing";
import { lookupHash, sealField } from "@/lib/crypto/config";
import { disconnectDb } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { resetEnvCache } from "@/lib/env";
import { resetStorage } from "@/lib/storage/config";
import { createMedicalRecord } from "@/lib/testing/ehr-factories";
import { asOwner, closeOwnerPool, createPatient, createTenant, createUser, scopeFor, type TestPatient, type TestTenant, type TestUser } from "@/lib/testing/factories";
import { createDoctor, type TestDoctor } from "@/lib/testing/signing-factories";
import { GET as getDocumentRoute } from "@/app/api/v1/documents/[id]/route";
import { POST as cancelRoute } from "@/app/api/v1/documents/[id]/cancel/route";
import { GET as pdfRoute } from "@/app/api/v1/documents/[id]/pdf/route";
import { GET as listRoute, POST as issueRoute } from "@/app/api/v1/medical-records/[id]/documents/route";
import { GET as verifyRoute } from "@/app/api/v1/verify/[code]/route";

// What the documents' integration tests share: a clinic with its CNPJ, CNES, address and
// branding, an author doctor (CPF, CRM/UF, RQE), a colleague, a secretary, another clinic's
// doctor, a patient with CPF and address and an encounter; the route handlers called as Next
// calls them; the local-disk storage in a temporary directory; and readers of what a PDF shows
// (pdf.ts beside this file).

export type Who = "author" | "colleague" | "secretary" | "outsider";

export async function startDocumentsApi() {
  const dir = await mkdtemp(path.join(tmpdir(), "prontivus-documents-"));
  Object.assign(process.env, { STORAGE_DRIVER: "local", STORAGE_DIR: dir });
  resetEnvCache();
  resetStorage();
  const noTwoFactor = { security: { twoFactorRequiredRoles: [] } };
  const [clinic, other] = await Promise.all([createTenant({ settings: noTwoFactor }), createTenant({ settings: noTwoFactor })]);
  const address = { cep: "01310200", street: "Avenida Paulista", number: "1578", complement: "Conjunto 42", district: "Bela Vista", city: "São Paulo", uf: "SP" };
  const [tenantRow] = await asOwner<{ cnpj: string }>(
    "UPDATE tenants SET cnes = '2077485', phone = '1133334444', address = $2, branding = $3 WHERE id = $1 RETURNING cnpj",
    [clinic.id, JSON.stringify(address), JSON.stringify({ primaryColor: "#7a1f5c", accentColor: "#c0392b" })]);
  const author = await createDoctor(clinic, { name: "Dra. Ana Beatriz Conceição", crm: "123456", crmUf: "SP" });
  await asOwner("UPDATE users SET rqe = '45678' WHERE id = $1", [author.id]);
  const colleague = await createDoctor(clinic, { name: "Dr. João D'Ávila" });
  const secretary = await createUser(clinic, { roles: ["secretary"] });
  const outsiderDoctor = await createDoctor(other);
  const patient = await createPatient(clinic, { fullName: "Maria da Graça Ñunes" });
  await withTenant(scopeFor(clinic), (tx) => tx.patient.update({
    where: { tenantId_id: { tenantId: clinic.id, id: patient.id } },
    data: { cep: "04538132", street: "Rua Funchal", number: "418", district: "Vila Olímpia", city: "São Paulo", uf: "SP" }, select: { id: true },
  }));
  const record = await createMedicalRecord(clinic, patient, author);
  const users: Record<Who, [TestTenant, TestUser]> = {
    author: [clinic, author], colleague: [clinic, colleague], secretary: [clinic, secretary], outsider: [other, outsiderDoctor],
  };
  const tokens = {} as Record<Who, string>;
  for (const [who, [tenant, user]] of Object.entries(users) as [Who, [TestTenant, TestUser]][]) tokens[who] = await accessTokenFor(tenant, user);
  const tenantOf = (who: Who) => (who === "outsider" ? other : clinic);
  const call = (who: Who, p: string, init: { body?: unknown; headers?: Record<string, string> } = {}) =>
    apiRequest(tenantOf(who), p, { token: tokens[who], body: init.body, headers: init.headers });

  return {
    dir, clinic, other, author: author as TestDoctor, colleague, secretary, outsiderDoctor, patient: patient as TestPatient, record,
    cnpj: tenantRow!.cnpj, address,
    issue: (body: unknown, who: Who = "author", recordId = record.id, headers: Record<string, string> = {}) =>
      issueRoute(call(who, `/api/v1/medical-records/${recordId}/documents`, { body, headers }), idParams(recordId)),
    list: (who: Who = "author", recordId = record.id) => listRoute(call(who, `/api/v1/medical-records/${recordId}/documents`), idParams(recordId)),
    get: (id: string, who: Who = "author") => getDocumentRoute(call(who, `/api/v1/documents/${id}`), idParams(id)),
    pdf: (id: string, who: Who = "author") => pdfRoute(call(who, `/api/v1/documents/${id}/pdf`), idParams(id)),
    cancel: (id: string, reason: unknown, who: Who = "author") => cancelRoute(call(who, `/api/v1/documents/${id}/cancel`, { body: { reason } }), idParams(id)),
    /** Public: no token, on the given clinic's host. */
    verify: (code: string, tenant: TestTenant = clinic) =>
      verifyRoute(apiRequest(tenant, `/api/v1/verify/${encodeURIComponent(code)}`), { params: Promise.resolve({ code }) }),
    /** A signed SPECIAL_CONTROL (or other kind) prescription row with two items, as the prescribing domain leaves it. */
    prescription: async (kind: "SIMPLE" | "SPECIAL_CONTROL" | "ANTIMICROBIAL") => {
      const [p] = await asOwner<{ id: string }>(
        `INSERT INTO prescriptions (id, tenant_id, patient_id, doctor_id, medical_record_id, kind, status, updated_at)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, 'DRAFT', now()) RETURNING id`, [clinic.id, patient.id, author.id, record.id, kind]);
      for (const [position, quantity] of [[1, 2], [2, 1]] as const) {
        await asOwner(
          `INSERT INTO prescription_items (id, tenant_id, prescription_id, drug_name, dose, dose_unit, route, frequency, quantity, quantity_unit, quantity_words, position)
           VALUES (gen_random_uuid(), $1, $2, $3, '1', 'comprimido', 'oral', 'à noite', $4, 'caixa', $5, $6)`,
          [clinic.id, p!.id, position === 1 ? "Clonazepam 2 mg" : "Sertralina 50 mg", quantity, quantity === 2 ? "duas" : "uma", position]);
      }
      await asOwner("UPDATE prescriptions SET status = 'SIGNED', signed_at = now() WHERE id = $1", [p!.id]);
      return p!.id;
    },
    stop: async () => {
      await rm(dir, { recursive: true, force: true });
      await Promise.all([disconnectDb(), closeOwnerPool()]);
    },
  };
}

export type DocumentsApi = Awaited<ReturnType<typeof startDocumentsApi>>;

/** A patient's CPF and address as the registration stores them (for the refusal tests). */
export async function setPatientIdentity(tenant: TestTenant, patientId: string, cpf: string | null) {
  await withTenant(scopeFor(tenant), (tx) => tx.patient.update({
    where: { tenantId_id: { tenantId: tenant.id, id: patientId } },
    data: { cpfEnc: cpf ? sealField(tenant.id, "patients.cpf", cpf) : null, cpfHash: cpf ? lookupHash(tenant.id, "cpf", cpf) : null },
    select: { id: true },
  }));
}
