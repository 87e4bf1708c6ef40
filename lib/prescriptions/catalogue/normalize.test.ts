import { describe, expect, it } from "vitest";
import { CROSS_REACTIVITY, crossRule, effectiveClasses, strictestControlList } from "./classes";
import { brandCase, drugSearchName, splitIngredients, stripSalt } from "./normalize";
import { parseQuery, rank, tierOf } from "./rank";
import { buildDrugCatalogue } from "./search-index";

describe("drug names", () => {
  it("compares names without case, accents or punctuation", () => {
    expect(drugSearchName("Ácido Acetilsalicílico")).toBe("acido acetilsalicilico");
    expect(drugSearchName("AMOXICILINA TRI-HIDRATADA")).toBe("amoxicilina tri hidratada");
  });

  it("reduces ANVISA's salts and hydrates to the active moiety", () => {
    for (const [raw, moiety] of [
      ["CLORIDRATO DE SERTRALINA", "sertralina"], ["LOSARTANA POTÁSSICA", "losartana"], ["AMOXICILINA TRI-HIDRATADA", "amoxicilina"],
      ["SULFATO DE MORFINA PENTAIDRATADO", "morfina"], ["BESILATO DE ANLODIPINO", "anlodipino"], ["DIPIRONA MONOIDRATADA", "dipirona"],
      ["MESILATO DE ETEXILATO DE DABIGATRANA", "dabigatrana"], ["ALENDRONATO DE SÓDIO", "alendronato"], ["CANDESARTANA CILEXETILA", "candesartana"],
    ] as const) expect(stripSalt(drugSearchName(raw)), raw).toBe(moiety);
    // A single word is never emptied.
    expect(stripSalt("base")).toBe("base");
  });

  it("splits multi-ingredient fields and writes brands the way people do", () => {
    expect(splitIngredients("PARACETAMOL + FOSFATO DE CODEÍNA")).toEqual(["PARACETAMOL", "FOSFATO DE CODEÍNA"]);
    expect(splitIngredients(" A+B + ")).toEqual(["A", "B"]);
    expect(brandCase("AMOXIL BD")).toBe("Amoxil BD");
    expect(brandCase("TYLENOL DC 750")).toBe("Tylenol DC 750");
    expect(brandCase("SAL DE FRUTA ENO")).toBe("SAL de Fruta ENO");
    expect(brandCase("Already Mixed")).toBe("Already Mixed");
  });
});

describe("classes", () => {
  it("implies β-lactam for penicillins, cephalosporins and carbapenems, not for monobactams", () => {
    expect(effectiveClasses(["penicillin"])).toEqual(["penicillin", "beta_lactam"]);
    expect(effectiveClasses(["monobactam"])).toEqual(["monobactam"]);
    expect(effectiveClasses(["nonsense", "nsaid"])).toEqual(["nsaid"]);
  });

  it("has one rule per ordered pair, and the severities docs/prescriptions.md states", () => {
    const keys = CROSS_REACTIVITY.map((r) => `${r.from}>${r.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(crossRule("penicillin", "penicillin")).toMatchObject({ kind: "allergy", severity: "CONTRAINDICATED" });
    expect(crossRule("penicillin", "cephalosporin")).toMatchObject({ kind: "cross_reactivity", severity: "MODERATE", escalate: true });
    expect(crossRule("aminopenicillin_side_chain", "aminopenicillin_side_chain")).toMatchObject({ severity: "MAJOR" });
    expect(crossRule("sulfonamide", "sulfonamide_nonantibiotic")).toMatchObject({ severity: "MINOR", escalate: false });
    expect(crossRule("nsaid", "cox2_inhibitor")).toMatchObject({ severity: "MODERATE" });
    expect(crossRule("penicillin", "monobactam")).toBeUndefined();
    expect(crossRule("beta_lactam", "beta_lactam")).toBeUndefined();
    for (const r of CROSS_REACTIVITY) expect(r.source.length, `${r.from}>${r.to}`).toBeGreaterThan(10);
  });

  it("picks the strictest Portaria 344 list", () => {
    expect(strictestControlList([null, "C1", "A2"])).toBe("A2");
    expect(strictestControlList(["C1", "B1"])).toBe("B1");
    expect(strictestControlList([null, undefined])).toBeNull();
  });
});

describe("ranking", () => {
  const ing = (id: string, name: string, classes: string[] = []) =>
    ({ id, name, searchName: drugSearchName(name), controlList: null, antimicrobial: false, classes, aliases: [] });
  const med = (id: string, kind: "GENERIC" | "PRODUCT", name: string, ingredientIds: string[], brandName: string | null = null) =>
    ({ id, kind, name, searchName: drugSearchName(name), brandName, strength: null, form: null, route: null, ingredientIds });
  const catalogue = buildDrugCatalogue({
    ingredients: [ing("i1", "amoxicilina", ["penicillin"]), ing("i2", "tamoxifeno")],
    medications: [
      med("m3", "PRODUCT", "Amoxil", ["i1"], "Amoxil"), med("m1", "GENERIC", "amoxicilina 500 mg cápsula", ["i1"]),
      med("m2", "GENERIC", "tamoxifeno 20 mg comprimido", ["i2"]), med("m4", "PRODUCT", "Amoxil", ["i1"], "Amoxil"),
    ],
    interactions: [],
  });

  it("ranks name prefix, then word prefix, then inside a word; generics before products; one entry per repeated product", () => {
    expect(rank([], catalogue.index, parseQuery("amox"), 10).map((h) => h.id)).toEqual(["m1", "m3", "m2"]);
    expect(rank([], catalogue.index, parseQuery("amoxicilina"), 10).map((h) => h.id)).toEqual(["m1", "m3"]);
    expect(catalogue.medications.get("m4")).toMatchObject({ name: "Amoxil" });
    const [generic] = catalogue.index.entries;
    expect(tierOf(generic!, parseQuery("AMOXICILINA 500"))).toBe(0);
    expect(tierOf(generic!, parseQuery("500 caps"))).toBe(1);
    expect(tierOf(generic!, parseQuery("xicil"))).toBe(2);
    expect(tierOf(generic!, parseQuery("xyz"))).toBeNull();
  });
});
