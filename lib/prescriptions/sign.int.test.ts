import { beforeAll, describe, expect, it } from "vitest";
import { asApp, asOwner } from "@/lib/testing/factories";
import { createPrescriptionDraft, updatePrescriptionDraft } from "./drafts";
import { cancelPrescription } from "./lifecycle";
import { getPrescription, previewPrescriptionSafety } from "./queries";
import { signPrescription } from "./sign";
import {
  completePatientIdentity, ensureDrugCatalogue, freeItem, itemRows, prescribingClinic, prescriptionRow, recordAllergy, type PrescribingClinic,
} from "./test-fixtures";
import { openEncounter } from "@/lib/ehr/records/mutations";

// Signing: blocking safety findings need the doctor's reason (sealed, audited by key and
// severity only), controle especial needs the patient's CPF and address, lists A/B are refused
// with the SNCR explanation, and what is signed stays as signed (the database refuses changes).

let c: PrescribingClinic;
const REASON = "Dessensibilização feita no Hospital Sírio-Libanês em 2024, sob supervisão";

beforeAll(async () => {
  await ensureDrugCatalogue();
  c = await prescribingClinic();
});

/** One statement as the app role inside the clinic (RLS live), committed if the database lets it through. */
const asClinic = (tenantId: string, sql: string, params: unknown[]) => asApp(async (client) => {
  await client.query("BEGIN");
  try {
    await client.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
    await client.query(sql, params);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
});

const encounterOf = async (patient: number) => (await openEncounter(c.as.doctor, { patientId: c.patients[patient]!.id })).id;

describe("safety overrides", () => {
  it("amoxicillin for a penicillin-allergic patient: blocked until a reason is given, reason sealed, audit without it", async () => {
    await recordAllergy(c, 1, "Penicilina", "penicillin");
    const medicalRecordId = await encounterOf(1);
    const { id } = await createPrescriptionDraft(c.as.doctor, { medicalRecordId, items: [freeItem("Amoxicilina 500 mg", { activeIngredient: "amoxicilina", quantityUnit: "capsula", quantity: 21 })] });
    const preview = await previewPrescriptionSafety(c.as.doctor, { patientId: c.patients[1]!.id, excludePrescriptionId: id, items: [{ drugName: "Amoxicilina 500 mg", activeIngredient: "amoxicilina" }] });
    expect(preview.allergyStatus.state).toBe("recorded");
    const blocking = preview.findings.filter((f) => f.blocking);
    expect(blocking.length).toBeGreaterThan(0);

    await expect(signPrescription(c.as.doctor, id, { version: 1 })).rejects.toMatchObject({ code: "unprocessable", reason: "overrideRequired" });
    await expect(signPrescription(c.as.doctor, id, { version: 1, overrides: [{ findingKey: "allergy:nope:1", reason: REASON }] })).rejects.toMatchObject({ reason: "findingsChanged" });
    expect((await prescriptionRow(id))!.status).toBe("DRAFT");
    expect(await asOwner("SELECT 1 FROM prescription_overrides WHERE prescription_id = $1", [id])).toHaveLength(0);

    const signed = await signPrescription(c.as.doctor, id, { version: 1, overrides: blocking.map((f) => ({ findingKey: f.key, reason: REASON })) });
    expect(signed).toMatchObject({ status: "SIGNED", version: 2, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const row = (await prescriptionRow(id))!;
    expect(row).toMatchObject({ status: "SIGNED", kind: "ANTIMICROBIAL", content_hash: signed.contentHash });
    // RDC 471/2021: ten days from the day of issue.
    const days = Math.round((new Date(String(signed.validUntil)).getTime() - new Date(signed.signedAt.slice(0, 10)).getTime()) / 86_400_000);
    expect(days).toBeGreaterThanOrEqual(9);
    expect(days).toBeLessThanOrEqual(10);

    const overrides = await asOwner<{ finding_key: string; reason_enc: string; severity: string }>("SELECT * FROM prescription_overrides WHERE prescription_id = $1", [id]);
    expect(overrides.map((o) => o.finding_key).sort()).toEqual(blocking.map((f) => f.key).sort());
    expect(overrides.every((o) => !o.reason_enc.includes("Sírio"))).toBe(true);
    const audit = await asOwner<{ action: string; metadata: Record<string, unknown> }>("SELECT action, metadata FROM audit_logs WHERE entity_id = $1 ORDER BY seq", [id]);
    const overridden = audit.filter((a) => a.action === "prescription.safety_overridden");
    expect(overridden).toHaveLength(blocking.length);
    expect(overridden[0]!.metadata).toMatchObject({ findingKey: blocking[0]!.key, severity: blocking[0]!.severity });
    expect(JSON.stringify(audit)).not.toContain("Sírio");
    // The author reads the reason back; another doctor does not.
    expect((await getPrescription(c.as.doctor, id)).overrides[0]!.reason).toBe(REASON);
    expect((await getPrescription(c.as.otherDoctor, id)).overrides[0]!.reason).toBeNull();
  });
});

describe("what is signed stays signed", () => {
  it("the domain answers 409 and the database refuses a change to items or row", async () => {
    const { id } = await createPrescriptionDraft(c.as.doctor, { medicalRecordId: c.encounterId, items: [freeItem("losartana 50 mg")] });
    await signPrescription(c.as.doctor, id, { version: 1 });
    await expect(updatePrescriptionDraft(c.as.doctor, id, { version: 2, items: [] })).rejects.toMatchObject({ code: "conflict", reason: "signedImmutable" });
    await expect(signPrescription(c.as.doctor, id, { version: 2 })).rejects.toMatchObject({ code: "conflict", reason: "signedImmutable" });
    await expect(asClinic(c.tenant.id, "UPDATE prescription_items SET quantity = 9 WHERE prescription_id = $1", [id])).rejects.toThrow(/immutable/);
    await expect(asClinic(c.tenant.id, "UPDATE prescriptions SET notes_enc = NULL, kind = 'SPECIAL_CONTROL' WHERE id = $1", [id])).rejects.toThrow(/immutable/);
    await expect(asClinic(c.tenant.id, "DELETE FROM prescription_items WHERE prescription_id = $1", [id])).rejects.toThrow(/immutable/);
    expect((await itemRows(id))[0]).toMatchObject({ quantity: 2 });
  });

  it("a stale version is refused without a signature", async () => {
    const { id } = await createPrescriptionDraft(c.as.doctor, { medicalRecordId: c.encounterId, items: [freeItem("losartana 50 mg")] });
    await updatePrescriptionDraft(c.as.doctor, id, { version: 1, items: [freeItem("losartana 100 mg")] });
    await expect(signPrescription(c.as.doctor, id, { version: 1 })).rejects.toMatchObject({ code: "conflict", reason: "staleVersion" });
    expect((await prescriptionRow(id))!.status).toBe("DRAFT");
    await expect(signPrescription(c.as.otherDoctor, id, { version: 2 })).rejects.toMatchObject({ reason: "authorOnly" });
    await expect(signPrescription(c.as.secretary, id, { version: 2 })).rejects.toMatchObject({ code: "forbidden" });
    await expect(signPrescription(c.as.doctor, id, { version: 2 })).resolves.toMatchObject({ status: "SIGNED" });
  });

  it("cancelling a signed prescription cancels its document, with the reason sealed", async () => {
    const { id } = await createPrescriptionDraft(c.as.doctor, { medicalRecordId: c.encounterId, items: [freeItem("losartana 50 mg")] });
    const signed = await signPrescription(c.as.doctor, id, { version: 1 });
    await cancelPrescription(c.as.doctor, id, { reason: "Erro de dose" });
    expect((await prescriptionRow(id))!).toMatchObject({ status: "CANCELLED", version: 2 });
    expect((await asOwner<{ status: string }>("SELECT status FROM clinical_documents WHERE id = $1", [signed.documentId]))[0]!.status).toBe("CANCELLED");
  });
});

describe("kinds at signing", () => {
  it("controle especial needs the patient's CPF and address, named in the refusal", async () => {
    await asOwner("UPDATE patients SET cpf_enc = NULL, cpf_hash = NULL WHERE id = $1", [c.patients[2]!.id]);
    const medicalRecordId = await encounterOf(2);
    const { id } = await createPrescriptionDraft(c.as.doctor, { medicalRecordId, items: [freeItem("Sertralina 50 mg", { quantity: 1 })] });
    await expect(signPrescription(c.as.doctor, id, { version: 1 })).rejects.toMatchObject({ code: "unprocessable", reason: "patientCpfRequired", fields: { "patient.cpf": expect.any(Array) } });
    await completePatientIdentity(c, 2);
    await asOwner("UPDATE patients SET city = NULL WHERE id = $1", [c.patients[2]!.id]);
    await expect(signPrescription(c.as.doctor, id, { version: 1 })).rejects.toMatchObject({ reason: "patientAddressRequired", fields: { "patient.city": expect.any(Array) } });
    await completePatientIdentity(c, 2);
    await expect(signPrescription(c.as.doctor, id, { version: 1 })).resolves.toMatchObject({ status: "SIGNED" });
    expect((await prescriptionRow(id))!.kind).toBe("SPECIAL_CONTROL");
  });

  it("lists A and B are explained and never issued", async () => {
    const { id } = await createPrescriptionDraft(c.as.doctor, { medicalRecordId: c.encounterId, items: [freeItem("Clonazepam 2 mg")] });
    const refusal = signPrescription(c.as.doctor, id, { version: 1 });
    await expect(refusal).rejects.toMatchObject({ code: "unprocessable", reason: "notificationRequired", params: { list: "B1", form: "B" } });
    await expect(signPrescription(c.as.doctor, id, { version: 1 })).rejects.toThrow(/SNCR/);
    expect(await asOwner("SELECT 1 FROM clinical_documents WHERE prescription_id = $1", [id])).toHaveLength(0);
  });
});
