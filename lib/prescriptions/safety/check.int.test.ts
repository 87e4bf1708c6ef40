// The safety check against the curated catalogue as the seed loads it, with allergies and
// prescriptions written as the app writes them (RLS live).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Context } from "@/lib/context";
import { disconnectDb } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { drugCatalogue } from "@/lib/prescriptions/catalogue/catalogue";
import { createAllergy, createPrescription } from "@/lib/testing/drug-safety-factories";
import { ensureDrugCatalogue } from "@/lib/testing/drugs";
import { closeOwnerPool, createPatient, createTenant, createUser, scopeFor, type TestTenant, type TestUser } from "@/lib/testing/factories";
import { checkPrescriptionSafety, type SafetyItem } from "./index";

let clinic: TestTenant;
let other: TestTenant;
let doctorUser: TestUser;
let doctor: Context;
let secretary: Context;

beforeAll(async () => {
  await ensureDrugCatalogue();
  [clinic, other] = await Promise.all([createTenant(), createTenant()]);
  doctorUser = await createUser(clinic, { roles: ["doctor"] });
  doctor = scopeFor(clinic, doctorUser, ["doctor"]);
  secretary = scopeFor(clinic, await createUser(clinic, { roles: ["secretary"] }), ["secretary"]);
});

afterAll(async () => {
  await Promise.all([closeOwnerPool(), disconnectDb()]);
});

/** The catalogue's generic presentation of that exact name. */
async function generic(name: string): Promise<SafetyItem & { position: number }> {
  const hit = [...(await drugCatalogue()).medications.values()].find((m) => m.name === name);
  if (!hit) throw new Error(`no catalogue medication named ${name}`);
  return { position: 0, medicationId: hit.id, drugName: hit.name };
}
const items = async (...names: string[]) => (await Promise.all(names.map(generic))).map((item, position) => ({ ...item, position }));

const check = (patientId: string, list: SafetyItem[], ctx: Context = doctor, excludePrescriptionId?: string) =>
  withTenant(ctx, (tx) => checkPrescriptionSafety(tx, ctx, { patientId, items: list, excludePrescriptionId }));

describe("allergies", () => {
  it("blocks amoxicilina for a recorded “Penicilina” allergy", async () => {
    const patient = await createPatient(clinic);
    const allergyId = await createAllergy(clinic, patient, { substance: "Penicilina", severity: "SEVERE" });
    const result = await check(patient.id, await items("amoxicilina 500 mg cápsula"));
    expect(result.allergyStatus).toEqual({ state: "recorded", allergies: [{ id: allergyId, substance: "Penicilina", severity: "SEVERE" }] });
    expect(result.findings).toEqual([expect.objectContaining({
      key: `allergy:${allergyId}:0`, kind: "allergy", severity: "CONTRAINDICATED", blocking: true, positions: [0],
      ingredients: ["amoxicilina"], code: "findings.allergyClass",
      params: expect.objectContaining({ substance: "Penicilina", ingredient: "amoxicilina", fromClass: "penicillin" }),
    })]);
  });

  it("warns of cross-reactivity for cefalexina, and blocks it after a life-threatening reaction", async () => {
    const mild = await createPatient(clinic);
    const a = await createAllergy(clinic, mild, { substance: "penicilinas", severity: "MILD" });
    const [finding] = (await check(mild.id, await items("cefalexina 500 mg cápsula"))).findings;
    expect(finding).toMatchObject({
      key: `cross:${a}:0`, kind: "cross_reactivity", severity: "MODERATE", blocking: false, code: "findings.crossReactivity",
      params: { fromClass: "penicillin", toClass: "cephalosporin" }, source: expect.stringContaining("practice parameter"),
    });
    const severe = await createPatient(clinic);
    await createAllergy(clinic, severe, { substance: "Penicilina (anafilaxia)", severity: "LIFE_THREATENING" });
    expect((await check(severe.id, await items("cefalexina 500 mg cápsula"))).findings[0]).toMatchObject({ kind: "cross_reactivity", severity: "MAJOR", blocking: true });
  });

  it("follows an allergy coded to an ingredient to its class and to shared side chains", async () => {
    const catalogue = await drugCatalogue();
    const amoxicilina = catalogue.ingredientsByName.get("amoxicilina")!;
    const patient = await createPatient(clinic);
    await createAllergy(clinic, patient, { substance: "Amoxil", ingredientId: amoxicilina.id, severity: "MODERATE" });
    const found = (await check(patient.id, await items("ampicilina 500 mg cápsula", "cefalexina 500 mg cápsula", "azitromicina 500 mg comprimido"))).findings;
    expect(found.map((f) => [f.kind, f.severity, f.positions])).toEqual([
      ["allergy", "CONTRAINDICATED", [0]],
      ["cross_reactivity", "MAJOR", [1]],
    ]);
  });

  it("codes sulfa, AAS, AINES and dipirona from free text, and spares non-antibiotic sulfonamides the block", async () => {
    const patient = await createPatient(clinic);
    await createAllergy(clinic, patient, { substance: "Sulfa" });
    await createAllergy(clinic, patient, { substance: "AAS" });
    const list = await items("sulfametoxazol + trimetoprima 800 mg + 160 mg comprimido", "furosemida 40 mg comprimido", "ibuprofeno 600 mg comprimido", "celecoxibe 200 mg cápsula");
    const found = (await check(patient.id, list)).findings.filter((f) => f.kind !== "interaction");
    expect(found.map((f) => [f.kind, f.severity, f.positions[0]])).toEqual([
      ["allergy", "CONTRAINDICATED", 0],
      ["cross_reactivity", "MAJOR", 2],
      ["cross_reactivity", "MODERATE", 3],
      ["cross_reactivity", "MINOR", 1],
      ["cross_reactivity", "MINOR", 3],
    ]);
    const other = await createPatient(clinic);
    await createAllergy(clinic, other, { substance: "alergia a AINEs e dipirona" });
    const more = (await check(other.id, await items("diclofenaco sódico 50 mg comprimido", "dipirona 500 mg comprimido"))).findings;
    expect(more.map((f) => [f.kind, f.severity])).toEqual([["allergy", "CONTRAINDICATED"], ["allergy", "CONTRAINDICATED"]]);
  });

  it("matches coded classes, brands and salts of free-text items, and the allergy's own words as a last resort", async () => {
    const patient = await createPatient(clinic);
    const coded = await createAllergy(clinic, patient, { substance: "antibiótico (não lembra o nome)", drugClass: "fluoroquinolone" });
    const written = await createAllergy(clinic, patient, { substance: "Xyzolina" });
    const result = await check(patient.id, [
      { position: 0, drugName: "Cloridrato de ciprofloxacina 500mg" },
      { position: 1, drugName: "Xyzolina 10 mg gotas" },
      { position: 2, drugName: "Florais de Bach" },
    ]);
    expect(result.findings.map((f) => f.key)).toEqual([`allergy:${coded}:0`, `allergy:${written}:1`]);
    expect(result.findings[1]).toMatchObject({ code: "findings.allergyText", ingredients: ["Xyzolina"] });
  });

  it("ignores inactive allergies and says denies or unknown, never none", async () => {
    const unknown = await createPatient(clinic);
    await createAllergy(clinic, unknown, { substance: "Penicilina", inactive: true });
    expect(await check(unknown.id, await items("amoxicilina 500 mg cápsula"))).toEqual({ allergyStatus: { state: "unknown", allergies: [] }, findings: [] });
    const denies = await createPatient(clinic);
    await withTenant(doctor, (tx) => tx.patient.update({ where: { tenantId_id: { tenantId: clinic.id, id: denies.id } }, data: { deniesAllergies: true } }));
    expect((await check(denies.id, [])).allergyStatus).toEqual({ state: "denies", allergies: [] });
  });
});

describe("interactions", () => {
  it("varfarina + ácido acetilsalicílico is a MAJOR interaction with its source", async () => {
    const patient = await createPatient(clinic);
    const result = await check(patient.id, await items("varfarina sódica 5 mg comprimido", "ácido acetilsalicílico 100 mg comprimido"));
    expect(result.findings).toHaveLength(1);
    const [f] = result.findings;
    expect(f).toMatchObject({
      kind: "interaction", severity: "MAJOR", blocking: true, positions: [0, 1], code: "findings.interaction",
      effect: expect.stringContaining("sangramento"), management: expect.any(String),
      source: expect.stringContaining("Coumadin (warfarin sodium)"), sourceUrl: expect.stringMatching(/^https:\/\/dailymed\.nlm\.nih\.gov\//),
    });
    expect(f!.ingredients.sort()).toEqual(["varfarina", "ácido acetilsalicílico"].sort());
    const [a, b] = f!.key.split(":").slice(1);
    expect(a! < b!).toBe(true);
  });

  it("finds pairs in free text and contraindicated pairs such as sildenafila + nitrates and MAOI + SSRI", async () => {
    const patient = await createPatient(clinic);
    const found = (await check(patient.id, [
      { position: 0, drugName: "Viagra", activeIngredient: "citrato de sildenafila" },
      { position: 1, drugName: "Monocordil 20 mg", activeIngredient: "mononitrato de isossorbida" },
      { position: 2, drugName: "Cloridrato de sertralina 50 mg" },
      { position: 3, drugName: "Parnate", activeIngredient: "sulfato de tranilcipromina" },
    ])).findings;
    expect(found.filter((f) => f.severity === "CONTRAINDICATED").map((f) => f.positions)).toEqual(expect.arrayContaining([[0, 1], [2, 3]]));
  });

  it("checks against continuous-use items of the patient's other signed prescriptions only", async () => {
    const patient = await createPatient(clinic);
    const signed = await createPrescription(clinic, doctorUser, patient, [
      { ...(await generic("varfarina sódica 5 mg comprimido")), continuousUse: true },
      { ...(await generic("sinvastatina 20 mg comprimido")), continuousUse: false },
    ]);
    await createPrescription(clinic, doctorUser, patient, [{ ...(await generic("bissulfato de clopidogrel 75 mg comprimido")), continuousUse: true }], "CANCELLED");
    await createPrescription(clinic, doctorUser, patient, [{ ...(await generic("ibuprofeno 600 mg comprimido")), continuousUse: true }], "DRAFT");
    const draft = await items("ácido acetilsalicílico 100 mg comprimido", "claritromicina 500 mg comprimido");
    const found = (await check(patient.id, draft)).findings;
    expect(found).toEqual([expect.objectContaining({
      kind: "interaction", severity: "MAJOR", positions: [0], code: "findings.interactionContinuous", otherPrescriptionId: signed,
      params: expect.objectContaining({ otherIngredient: "varfarina", ingredient: "ácido acetilsalicílico" }),
    }), expect.objectContaining({ kind: "interaction", severity: "MODERATE", positions: [1], otherPrescriptionId: signed })]);
    expect(found[0]!.key).toMatch(new RegExp(`^interaction:[0-9a-f-]+:[0-9a-f-]+:${signed}$`));
    // The prescription being renewed or re-signed is left out when the caller says so.
    expect((await check(patient.id, draft, doctor, signed)).findings).toEqual([]);
  });

  it("flags an ingredient prescribed twice", async () => {
    const patient = await createPatient(clinic);
    const found = (await check(patient.id, await items("paracetamol 500 mg comprimido", "paracetamol + codeína 500 mg + 30 mg comprimido"))).findings;
    expect(found).toEqual([expect.objectContaining({ kind: "duplicate_ingredient", severity: "MODERATE", blocking: false, positions: [0, 1], ingredients: ["paracetamol"] })]);
  });
});

describe("access", () => {
  it("answers not found for another clinic's patient and refuses staff who cannot prescribe", async () => {
    const outsider = await createPatient(other);
    await expect(check(outsider.id, [])).rejects.toMatchObject({ code: "not_found" });
    await expect(check("not-a-uuid", [])).rejects.toMatchObject({ code: "not_found" });
    const patient = await createPatient(clinic);
    await expect(check(patient.id, [], secretary)).rejects.toMatchObject({ code: "forbidden" });
  });
});
