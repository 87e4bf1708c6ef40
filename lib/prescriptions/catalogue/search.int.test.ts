// Medication search over the curated catalogue as the seed loads it, plus each clinic's own
// items (clinic_medications, RLS live), and the admin functions that manage those items.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Context } from "@/lib/context";
import { disconnectDb } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { ensureDrugCatalogue } from "@/lib/testing/drugs";
import { closeOwnerPool, createTenant, createUser, scopeFor, type TestTenant } from "@/lib/testing/factories";
import { drugCatalogue } from "./catalogue";
import { createClinicMedication, listClinicMedications, setClinicMedicationActive } from "./clinic-items";
import { medicationById, searchIngredients, searchMedications, searchMedicationsInput } from "./search";

let clinic: TestTenant;
let other: TestTenant;
let doctor: Context;
let admin: Context;
let otherDoctor: Context;
let otherAdmin: Context;
let secretary: Context;

beforeAll(async () => {
  await ensureDrugCatalogue();
  [clinic, other] = await Promise.all([createTenant(), createTenant()]);
  const role = async (t: TestTenant, r: "doctor" | "admin" | "secretary") => scopeFor(t, await createUser(t, { roles: [r] }), [r]);
  [doctor, admin, secretary, otherDoctor, otherAdmin] = await Promise.all([
    role(clinic, "doctor"), role(clinic, "admin"), role(clinic, "secretary"), role(other, "doctor"), role(other, "admin"),
  ]);
});

afterAll(async () => {
  await Promise.all([closeOwnerPool(), disconnectDb()]);
});

const names = async (q: string, ctx: Context = doctor, limit?: number) => (await searchMedications(ctx, q, { limit })).map((h) => h.name);

describe("catalogue search", () => {
  it("ranks name prefixes first, ignoring case and accents", async () => {
    const hits = await searchMedications(doctor, "AMOX");
    expect(hits[0]).toMatchObject({
      source: "catalogue", name: "amoxicilina 250 mg/5 mL pó para suspensão oral", antimicrobial: true, controlList: null,
      ingredients: [expect.objectContaining({ name: "amoxicilina", antimicrobial: true, classes: expect.arrayContaining(["penicillin", "beta_lactam"]) })],
    });
    // Every name that starts with "amox", then "tamoxifeno", which only holds it inside a word.
    expect(hits.slice(0, -1).every((h) => h.ingredients.some((i) => i.name === "amoxicilina"))).toBe(true);
    expect(hits.at(-1)!.name).toBe("citrato de tamoxifeno 20 mg comprimido");
    expect((await names("acido acetil"))[0]).toBe("ácido acetilsalicílico 100 mg comprimido");
    expect(await names("ácido acetilsalicílico")).toEqual(await names("ACIDO ACETILSALICILICO"));
  });

  it("finds a combination by any of its ingredients, word prefixes after name prefixes, then words inside", async () => {
    const clav = await names("clavulan");
    expect(clav[0]).toMatch(/^amoxicilina \+ clavulanato de potássio/);
    const codeina = await names("codeina", doctor, 50);
    expect(codeina[0]).toBe("fosfato de codeína 30 mg comprimido");
    expect(codeina).toContain("paracetamol + codeína 500 mg + 30 mg comprimido");
    // "xicilina" is inside "amoxicilina" only: the third tier.
    const inside = await searchMedications(doctor, "xicilina");
    expect(inside.length).toBeGreaterThan(0);
    expect(inside.every((h) => h.ingredients.some((i) => i.name === "amoxicilina"))).toBe(true);
    expect(await names("zzqqxx")).toEqual([]);
    expect(await names("   ")).toEqual([]);
  });

  it("carries the strictest Portaria 344 list and the antimicrobial flag", async () => {
    const [clonazepam] = await searchMedications(doctor, "clonazepam");
    expect(clonazepam).toMatchObject({ controlList: "B1", antimicrobial: false, presentation: expect.stringContaining("oral") });
    expect((await searchMedications(doctor, "morfina"))[0]!.controlList).toBe("A1");
    expect((await searchMedications(doctor, "paracetamol + codeina"))[0]!.controlList).toBe("A2");
    expect((await searchMedications(doctor, "metilfenidato"))[0]!.controlList).toBe("A3");
    expect((await searchMedications(doctor, "sertralina"))[0]!.controlList).toBe("C1");
    expect((await searchMedications(doctor, "isotretinoina"))[0]!.controlList).toBe("C2");
    expect((await searchMedications(doctor, "testosterona"))[0]!.controlList).toBe("C5");
  });

  it("limits results and validates the API's input with field errors", async () => {
    expect(await searchMedications(doctor, "a", { limit: 7 })).toHaveLength(7);
    await expect(searchMedicationsInput(doctor, { q: "" })).rejects.toMatchObject({ code: "validation", fields: { q: ["Digite parte do nome do medicamento."] } });
    await expect(searchMedicationsInput(doctor, { q: "x".repeat(81) })).rejects.toMatchObject({ fields: { q: ["Use no máximo 80 caracteres."] } });
    await expect(searchMedicationsInput(doctor, { q: "amox", limit: 999 })).rejects.toMatchObject({ fields: { limit: [expect.any(String)] } });
    await expect(searchMedicationsInput(doctor, { q: "amox\u0000" })).rejects.toMatchObject({ code: "validation" });
  });

  it("refuses staff who neither prescribe nor manage the clinic", async () => {
    await expect(searchMedications(secretary, "amox")).rejects.toMatchObject({ code: "forbidden" });
    await expect(medicationById(secretary, { source: "catalogue", id: "00000000-0000-0000-0000-000000000000" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("finds a catalogue medication by id", async () => {
    const [hit] = await searchMedications(doctor, "varfarina");
    expect(await medicationById(doctor, { source: "catalogue", id: hit!.id })).toEqual(hit);
    expect(await medicationById(doctor, { source: "catalogue", id: "00000000-0000-0000-0000-000000000000" })).toBeNull();
    expect(await medicationById(doctor, { source: "catalogue", id: "nope" })).toBeNull();
  });

  it("looks ingredients up for the allergy form, by name or alias", async () => {
    const { data } = await searchIngredients(secretary, { q: "metamizol" });
    expect(data[0]).toMatchObject({ name: "dipirona", classes: ["pyrazolone"] });
    expect((await searchIngredients(doctor, { q: "amoxi" })).data[0]!.name).toBe("amoxicilina");
  });
});

describe("clinic items", () => {
  it("are offered to the clinic's prescribers, first in their tier, and to no other clinic", async () => {
    const amoxicilina = (await drugCatalogue()).ingredientsByName.get("amoxicilina")!;
    const { id } = await createClinicMedication(admin, { name: "Amoxicilina manipulada 300 mg", presentation: "cápsula", ingredientId: amoxicilina.id });
    const mine = await searchMedications(doctor, "amoxicilina");
    expect(mine[0]).toMatchObject({ source: "clinic", id, presentation: "cápsula", antimicrobial: true, ingredients: [expect.objectContaining({ name: "amoxicilina" })] });
    expect((await searchMedications(otherDoctor, "amoxicilina")).some((h) => h.id === id)).toBe(false);
    expect(await medicationById(doctor, { source: "clinic", id })).toMatchObject({ id, source: "clinic" });
    expect(await medicationById(otherDoctor, { source: "clinic", id })).toBeNull();
    // Found by its coded ingredient even when the name does not say it.
    const { id: kit } = await createClinicMedication(admin, { name: "Kit pós-extração", ingredientId: amoxicilina.id });
    expect((await searchMedications(doctor, "amoxicilina", { limit: 50 })).some((h) => h.id === kit)).toBe(true);
  });

  it("can be deactivated and reactivated by the clinic's admin only, audited", async () => {
    const { id } = await createClinicMedication(admin, { name: "Solução de Dakin", presentation: "frasco 500 mL" });
    await setClinicMedicationActive(admin, id, false);
    expect((await searchMedications(doctor, "dakin")).some((h) => h.id === id)).toBe(false);
    expect(await medicationById(doctor, { source: "clinic", id })).toBeNull();
    expect((await listClinicMedications(admin)).find((i) => i.id === id)).toMatchObject({ active: false, ingredient: null });
    await expect(setClinicMedicationActive(admin, id, false)).rejects.toMatchObject({ code: "conflict" });
    await setClinicMedicationActive(admin, id, true);
    expect((await searchMedications(doctor, "dakin"))[0]).toMatchObject({ id });
    const audit = await withTenant(admin, (tx) => tx.auditLog.findMany({ where: { entityId: id }, orderBy: { seq: "asc" }, select: { action: true } }));
    expect(audit.map((a) => a.action)).toEqual(["clinic_medication.created", "clinic_medication.deactivated", "clinic_medication.reactivated"]);
  });

  it("answers not found for another clinic's item and refuses other roles, changing nothing", async () => {
    const { id } = await createClinicMedication(admin, { name: "Pasta d'água" });
    await expect(setClinicMedicationActive(otherAdmin, id, false)).rejects.toMatchObject({ code: "not_found" });
    await expect(setClinicMedicationActive(otherAdmin, "not-an-id", false)).rejects.toMatchObject({ code: "not_found" });
    await expect(setClinicMedicationActive(doctor, id, false)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createClinicMedication(doctor, { name: "Outro" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createClinicMedication(secretary, { name: "Outro" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listClinicMedications(doctor)).rejects.toMatchObject({ code: "forbidden" });
    expect((await listClinicMedications(otherAdmin)).some((i) => i.id === id)).toBe(false);
    expect((await listClinicMedications(admin)).find((i) => i.id === id)).toMatchObject({ active: true });
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const before = (await listClinicMedications(admin)).length;
    await expect(createClinicMedication(admin, { name: "x" })).rejects.toMatchObject({ code: "validation", fields: { name: [expect.any(String)] } });
    await expect(createClinicMedication(admin, { name: "Item", ingredientId: "00000000-0000-0000-0000-000000000000" }))
      .rejects.toMatchObject({ code: "validation", fields: { ingredientId: ["Princípio ativo desconhecido."] } });
    await expect(createClinicMedication(admin, { name: "Item", ingredientId: "abc" })).rejects.toMatchObject({ code: "validation", fields: { ingredientId: [expect.any(String)] } });
    await expect(createClinicMedication(admin, null)).rejects.toMatchObject({ code: "validation" });
    expect((await listClinicMedications(admin)).length).toBe(before);
  });
});
