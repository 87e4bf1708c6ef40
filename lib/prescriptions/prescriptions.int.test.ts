import { beforeAll, describe, expect, it } from "vitest";
import { getPatientTimeline } from "@/lib/ehr/timeline/queries";
import { dumpDatabase } from "@/lib/testing/database-dump";
import { asOwner } from "@/lib/testing/factories";
import { createClinicMedication } from "./catalogue/clinic-items";
import { createPrescriptionDraft, updatePrescriptionDraft } from "./drafts";
import { cancelPrescription, renewPrescription } from "./lifecycle";
import { getPrescription, listPrescriptions, previewPrescriptionSafety } from "./queries";
import { signPrescription } from "./sign";
import { ensureDrugCatalogue, freeItem, itemRows, prescribingClinic, prescriptionRow, type PrescribingClinic } from "./test-fixtures";

// Drafts as the doctor writes them in an encounter: items replaced at a version, the kind
// following the items, instructions sealed, the author alone changing them; front desk and other
// clinics refused; cancelled never deleted; continuous use renewed into a linked draft.

let c: PrescribingClinic;
let other: PrescribingClinic;
const INSTRUCTIONS = "Tomar após o café da manhã, longe do leite de Dona Benedita";

beforeAll(async () => {
  await ensureDrugCatalogue();
  [c, other] = await Promise.all([prescribingClinic(), prescribingClinic()]);
});

const draft = async (items = [freeItem("losartana 50 mg")]) =>
  createPrescriptionDraft(c.as.doctor, { medicalRecordId: c.encounterId, items });

describe("a draft", () => {
  it("is written in the doctor's encounter: quantity in words, instructions sealed, read back and logged", async () => {
    const { id, version } = await draft([freeItem("losartana 50 mg", { quantity: 2, quantityUnit: "caixa", instructions: INSTRUCTIONS, continuousUse: true })]);
    expect(version).toBe(1);
    const view = await getPrescription(c.as.doctor, id);
    expect(view).toMatchObject({ status: "DRAFT", kind: "SIMPLE", medicalRecordId: c.encounterId, patient: { id: c.patients[0]!.id } });
    expect(view.items[0]).toMatchObject({ drugName: "losartana 50 mg", freeText: true, quantity: 2, quantityUnit: "caixas", quantityUnitKey: "caixa", quantityWords: "duas", instructions: INSTRUCTIONS });
    const stored = (await itemRows(id))[0]!;
    expect(stored.instructions_enc).not.toContain("Benedita");
    expect(await dumpDatabase(process.env.DATABASE_URL!, { tables: ["prescription_items"] })).not.toContain("Benedita");
    const logs = await asOwner<{ data_type: string }>("SELECT data_type FROM data_access_logs WHERE entity_id = $1", [id]);
    expect(logs.map((l) => l.data_type)).toContain("prescription");
  });

  it("takes its kind from the items: an antimicrobial by name, even typed as free text", async () => {
    const { id } = await draft([freeItem("losartana 50 mg"), freeItem("Amoxicilina 500 mg cápsula", { quantityUnit: "capsula", quantity: 21 })]);
    const view = await getPrescription(c.as.doctor, id);
    expect(view.kind).toBe("ANTIMICROBIAL");
    expect(view.items[1]).toMatchObject({ quantityUnit: "cápsulas", quantityWords: "vinte e uma" });
  });

  it("is replaced whole at the version it was loaded at; a stale version changes nothing", async () => {
    const { id } = await draft();
    const saved = await updatePrescriptionDraft(c.as.doctor, id, { version: 1, items: [freeItem("sertralina 50 mg", { quantity: 1 })], notes: "Retorno em 30 dias" });
    expect(saved.version).toBe(2);
    expect(await getPrescription(c.as.doctor, id)).toMatchObject({ kind: "SPECIAL_CONTROL", notes: "Retorno em 30 dias", items: [{ drugName: "sertralina 50 mg", quantityWords: "uma" }] });
    const before = await itemRows(id);
    await expect(updatePrescriptionDraft(c.as.doctor, id, { version: 1, items: [] })).rejects.toMatchObject({ code: "conflict", reason: "staleVersion" });
    expect(await itemRows(id)).toEqual(before);
  });

  it("refuses bad input with field errors, and nothing is written", async () => {
    const count = async () => Number((await asOwner<{ n: string }>("SELECT count(*) n FROM prescriptions WHERE tenant_id = $1", [c.tenant.id]))[0]!.n);
    const before = await count();
    const bad = [
      { medicalRecordId: c.encounterId, items: [freeItem("x", { quantity: 0 })] },
      { medicalRecordId: c.encounterId, items: [freeItem("x", { quantityUnit: "barril" as never })] },
      { medicalRecordId: c.encounterId, items: [freeItem("", {})] },
      { medicalRecordId: c.encounterId, items: [freeItem("x", { dose: "" })] },
      { medicalRecordId: "not-a-uuid", items: [] },
      { medicalRecordId: c.encounterId, items: [freeItem("x", { medication: { source: "catalogue", id: "0190b2a0-0000-7000-8000-000000000000" } })] },
    ];
    for (const input of bad) await expect(createPrescriptionDraft(c.as.doctor, input)).rejects.toMatchObject({ code: "validation" });
    await expect(createPrescriptionDraft(c.as.doctor, { medicalRecordId: c.encounterId, items: [freeItem("x", { quantity: 0 })] }))
      .rejects.toMatchObject({ fields: { "items.0.quantity": [expect.stringContaining("1 a 9999")] } });
    expect(await count()).toBe(before);
  });

  it("only in an encounter of one's own; only the author edits; front desk, finance and other clinics are refused", async () => {
    await expect(createPrescriptionDraft(c.as.doctor, { medicalRecordId: c.otherEncounterId, items: [] })).rejects.toMatchObject({ code: "conflict", reason: "encounterAuthorOnly" });
    await expect(createPrescriptionDraft(c.as.secretary, { medicalRecordId: c.encounterId, items: [] })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createPrescriptionDraft(c.as.finance, { medicalRecordId: c.encounterId, items: [] })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createPrescriptionDraft(other.as.doctor, { medicalRecordId: c.encounterId, items: [] })).rejects.toMatchObject({ code: "not_found" });
    const { id } = await draft();
    await expect(updatePrescriptionDraft(c.as.otherDoctor, id, { version: 1, items: [] })).rejects.toMatchObject({ code: "conflict", reason: "authorOnly" });
    await expect(getPrescription(c.as.secretary, id)).rejects.toMatchObject({ code: "forbidden" });
    for (const call of [
      () => getPrescription(other.as.doctor, id), () => updatePrescriptionDraft(other.as.doctor, id, { version: 1, items: [] }),
      () => signPrescription(other.as.doctor, id, { version: 1 }), () => cancelPrescription(other.as.doctor, id, { reason: "x" }),
      () => renewPrescription(other.as.doctor, id, { medicalRecordId: other.encounterId }),
    ]) await expect(call()).rejects.toMatchObject({ code: "not_found" });
    await expect(listPrescriptions(other.as.doctor, { patientId: c.patients[0]!.id })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("listing", () => {
  it("by patient or by encounter, newest first; a filter is required", async () => {
    const { id } = await draft();
    const byRecord = await listPrescriptions(c.as.doctor, { medicalRecordId: c.encounterId });
    expect(byRecord[0]!.id).toBe(id);
    expect((await listPrescriptions(c.as.doctor, { patientId: c.patients[0]!.id })).map((p) => p.id)).toContain(id);
    await expect(listPrescriptions(c.as.doctor, {})).rejects.toMatchObject({ code: "validation" });
    await expect(listPrescriptions(c.as.secretary, { patientId: c.patients[0]!.id })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("the patient's timeline", () => {
  it("shows prescriptions with their status and drug names, filterable as a kind", async () => {
    const { id } = await draft([freeItem("metformina 850 mg")]);
    const timeline = await getPatientTimeline(c.as.doctor, c.patients[0]!.id, { kinds: ["prescription"], from: null, to: null, cursor: null });
    expect(timeline.items.find((i) => i.id === id)).toMatchObject({ kind: "prescription", status: "DRAFT", drugs: ["metformina 850 mg"], medicalRecordId: c.encounterId });
    expect(timeline.items.every((i) => i.kind === "prescription")).toBe(true);
  });
});

describe("live preview", () => {
  it("explains the kind the items force and refuses lists A/B up front", async () => {
    const preview = await previewPrescriptionSafety(c.as.doctor, {
      patientId: c.patients[0]!.id, items: [{ drugName: "Clonazepam 2 mg", route: "oral" }, { drugName: "Sertralina 50 mg", route: "oral" }],
    });
    expect(preview.kind.kind).toBe("SPECIAL_CONTROL");
    expect(preview.kind.refusals).toEqual([{ code: "notificationRequired", params: { drug: "Clonazepam 2 mg", list: "B1", form: "B" } }]);
    expect(preview.allergyStatus.state).toBe("unknown");
  });
});

describe("cancel and renew", () => {
  it("a draft is cancelled with a sealed reason, never deleted, and is then immutable", async () => {
    const { id } = await draft();
    await cancelPrescription(c.as.doctor, id, { reason: "Paciente já usa losartana de outro prescritor" });
    const row = (await prescriptionRow(id))!;
    expect(row.status).toBe("CANCELLED");
    expect(String(row.cancel_reason_enc)).not.toContain("losartana");
    await expect(cancelPrescription(c.as.doctor, id, { reason: "de novo" })).rejects.toMatchObject({ reason: "alreadyCancelled" });
    await expect(updatePrescriptionDraft(c.as.doctor, id, { version: 2, items: [] })).rejects.toMatchObject({ reason: "cancelledImmutable" });
    await expect(cancelPrescription(c.as.doctor, id, { reason: "  " })).rejects.toMatchObject({ code: "validation" });
  });

  it("renewal copies the continuous-use items of a signed prescription into a linked draft", async () => {
    const { id } = await draft([freeItem("losartana 50 mg", { continuousUse: true, instructions: INSTRUCTIONS }), freeItem("dipirona 500 mg")]);
    await expect(renewPrescription(c.as.doctor, id, { medicalRecordId: c.encounterId })).rejects.toMatchObject({ reason: "renewOnlySigned" });
    await signPrescription(c.as.doctor, id, { version: 1 });
    const renewed = await renewPrescription(c.as.doctor, id, { medicalRecordId: c.encounterId });
    const view = await getPrescription(c.as.doctor, renewed.id);
    expect(view).toMatchObject({ status: "DRAFT", renewedFromId: id, items: [{ drugName: "losartana 50 mg", continuousUse: true, instructions: INSTRUCTIONS }] });
    expect(view.items).toHaveLength(1);
    const { id: plain } = await draft([freeItem("dipirona 500 mg")]);
    await signPrescription(c.as.doctor, plain, { version: 1 });
    await expect(renewPrescription(c.as.doctor, plain, { medicalRecordId: c.encounterId })).rejects.toMatchObject({ reason: "nothingToRenew" });
  });

  it("signs and renews a clinic's own item, judging it inside the one transaction (no second connection)", async () => {
    const { id: itemId } = await createClinicMedication(c.as.admin, { name: "Creme de ureia 10% manipulado", presentation: "bisnaga 60 g" });
    const { id } = await draft([freeItem("Creme de ureia 10% manipulado", { medication: { source: "clinic", id: itemId }, continuousUse: true })]);
    await signPrescription(c.as.doctor, id, { version: 1 });
    const renewed = await renewPrescription(c.as.doctor, id, { medicalRecordId: c.encounterId });
    expect((await getPrescription(c.as.doctor, renewed.id)).items).toMatchObject([{ drugName: "Creme de ureia 10% manipulado", continuousUse: true }]);
  });
});
