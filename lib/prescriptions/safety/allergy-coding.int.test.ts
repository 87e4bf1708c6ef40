// The patient record's allergy form coded to the catalogue (lib/patients/allergies.ts): stored,
// shown, audited without the substance, refused when malformed, and matched by the safety check.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Context } from "@/lib/context";
import { disconnectDb } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { addAllergy } from "@/lib/patients/allergies";
import { getPatient } from "@/lib/patients/queries";
import { drugCatalogue } from "@/lib/prescriptions/catalogue/catalogue";
import { ensureDrugCatalogue } from "@/lib/testing/drugs";
import { closeOwnerPool, createPatient, createTenant, createUser, scopeFor, type TestTenant } from "@/lib/testing/factories";
import { checkPrescriptionSafety } from "./index";

let clinic: TestTenant;
let desk: Context;
let doctor: Context;

beforeAll(async () => {
  await ensureDrugCatalogue();
  clinic = await createTenant();
  desk = scopeFor(clinic, await createUser(clinic, { roles: ["secretary"] }), ["secretary"]);
  doctor = scopeFor(clinic, await createUser(clinic, { roles: ["doctor"] }), ["doctor"]);
});

afterAll(async () => {
  await Promise.all([closeOwnerPool(), disconnectDb()]);
});

describe("coded allergies", () => {
  it("stores an allergy coded to an ingredient or a class, shows the coding, and audits only that it was coded", async () => {
    const patient = await createPatient(clinic);
    const dipirona = (await drugCatalogue()).ingredientsByName.get("dipirona")!;
    const { id } = await addAllergy(desk, patient.id, { substance: "Novalgina", severity: "SEVERE", ingredientId: dipirona.id });
    await addAllergy(doctor, patient.id, { substance: "um antibiótico", severity: "MODERATE", drugClass: "macrolide", ingredientId: "" });
    const record = await getPatient(desk, patient.id);
    expect(record.allergies.map((a) => a.coding)).toEqual(expect.arrayContaining([
      { ingredient: { id: dipirona.id, name: "dipirona" }, drugClass: null },
      { ingredient: null, drugClass: "macrolide" },
    ]));
    const audit = await withTenant(desk, (tx) => tx.auditLog.findFirst({ where: { action: "patient.allergy_added", metadata: { path: ["allergyId"], equals: id } }, select: { metadata: true } }));
    expect(audit!.metadata).toEqual({ allergyId: id, severity: "SEVERE", withdrewDenial: false, coded: "ingredient" });
    const catalogue = await drugCatalogue();
    const azitromicina = [...catalogue.medications.values()].find((m) => m.name === "azitromicina 500 mg comprimido")!;
    const { findings } = await withTenant(doctor, (tx) => checkPrescriptionSafety(tx, doctor, {
      patientId: patient.id, items: [{ position: 0, medicationId: azitromicina.id, drugName: azitromicina.name }],
    }));
    expect(findings).toEqual([expect.objectContaining({ kind: "allergy", severity: "CONTRAINDICATED", code: "findings.allergyClass" })]);
  });

  it("keeps free-text allergies working and refuses a bad coding with a field error, saving nothing", async () => {
    const patient = await createPatient(clinic);
    await addAllergy(desk, patient.id, { substance: "Sulfa", severity: "MILD" });
    const bad = [
      { ingredientId: "00000000-0000-0000-0000-000000000000" },
      { ingredientId: "not-a-uuid" },
      { drugClass: "vitamins" },
      { drugClass: "penicillin", ingredientId: (await drugCatalogue()).ingredientsByName.get("amoxicilina")!.id },
    ];
    for (const coding of bad) {
      await expect(addAllergy(desk, patient.id, { substance: "Amoxicilina", severity: "MILD", ...coding }))
        .rejects.toMatchObject({ code: "validation", fields: expect.objectContaining({ [Object.keys(coding).length > 1 ? "ingredientId" : Object.keys(coding)[0]!]: [expect.stringContaining("Codifica")] }) });
    }
    const record = await getPatient(desk, patient.id);
    expect(record.allergies.map((a) => [a.substance, a.coding])).toEqual([["Sulfa", { ingredient: null, drugClass: null }]]);
  });
});
