import { describe, expect, it } from "vitest";
import { drugSearchName } from "@/lib/prescriptions/catalogue/normalize";
import { buildDrugCatalogue } from "@/lib/prescriptions/catalogue/search-index";
import { allergyFindings } from "./allergies";
import { matchText } from "./resolve";

const ing = (id: string, name: string, classes: string[], aliases: string[] = []) =>
  ({ id, name, searchName: drugSearchName(name), controlList: null, antimicrobial: false, classes, aliases });
const catalogue = buildDrugCatalogue({
  ingredients: [
    ing("amox", "amoxicilina", ["penicillin", "aminopenicillin_side_chain"]),
    ing("cefa", "cefalexina", ["cephalosporin", "aminopenicillin_side_chain"]),
    ing("cefz", "ceftriaxona", ["cephalosporin"]),
    ing("aas", "ácido acetilsalicílico", ["salicylate", "antiplatelet"]),
    ing("ibu", "ibuprofeno", ["nsaid"]),
    ing("dip", "dipirona", ["pyrazolone"], ["metamizol"]),
    ing("smx", "sulfametoxazol", ["sulfonamide"]),
    ing("tmp", "trimetoprima", []),
  ],
  medications: [{ id: "m1", kind: "PRODUCT", name: "Xpto", searchName: "xpto", brandName: "Xpto Forte", strength: null, form: null, route: null, ingredientIds: ["ibu"] }],
  interactions: [],
});
const ids = (text: string, classes = true) => {
  const m = matchText(catalogue, text, { classes });
  return { ingredients: [...m.ingredients].sort(), classes: [...m.classes].sort() };
};

describe("free text to ingredients and classes", () => {
  it("reads class words, abbreviations and brands, in any case, plural or not", () => {
    expect(ids("Penicilina")).toEqual({ ingredients: [], classes: ["penicillin"] });
    expect(ids("PENICILINAS e SULFAS")).toEqual({ ingredients: [], classes: ["penicillin", "sulfonamide"] });
    expect(ids("AAS")).toEqual({ ingredients: ["aas"], classes: [] });
    expect(ids("alergia a AINEs")).toEqual({ ingredients: [], classes: ["nsaid"] });
    expect(ids("Bactrim")).toEqual({ ingredients: ["smx", "tmp"], classes: [] });
    expect(ids("metamizol sódico")).toEqual({ ingredients: ["dip"], classes: [] });
    expect(ids("XPTO FORTE 400")).toEqual({ ingredients: ["ibu"], classes: [] });
    expect(ids("ácido acetilsalicílico 100mg")).toEqual({ ingredients: ["aas"], classes: [] });
    expect(ids("camarão, poeira")).toEqual({ ingredients: [], classes: [] });
  });

  it("ignores class words in drug items", () => {
    expect(ids("anti-inflamatório", false)).toEqual({ ingredients: [], classes: [] });
  });
});

describe("allergy findings", () => {
  const item = (position: number, id: string) => ({ position, drugName: catalogue.ingredients.get(id)!.name, text: "", ingredients: [catalogue.ingredients.get(id)!] });
  const allergy = (substance: string, extra: Partial<{ severity: string; ingredientId: string; drugClass: string }> = {}) =>
    ({ id: "a1", substance, severity: extra.severity ?? "MODERATE", ingredientId: extra.ingredientId ?? null, drugClass: extra.drugClass ?? null });
  const summary = (a: ReturnType<typeof allergy>, ...list: ReturnType<typeof item>[]) =>
    allergyFindings(catalogue, [a], list).map((f) => `${f.kind}:${f.severity}:${f.positions[0]}`);

  it("penicillin allergy: penicillins blocked, cephalosporins warned (blocked after a severe reaction)", () => {
    expect(summary(allergy("penicilina"), item(0, "amox"), item(1, "cefz"))).toEqual(["allergy:CONTRAINDICATED:0", "cross_reactivity:MODERATE:1"]);
    expect(summary(allergy("penicilina", { severity: "LIFE_THREATENING" }), item(1, "cefz"))).toEqual(["cross_reactivity:MAJOR:1"]);
  });

  it("an aminopenicillin allergy cross-reacts with cefalexina through the shared side chain", () => {
    expect(summary(allergy("x", { ingredientId: "amox" }), item(0, "cefa"), item(1, "cefz"))).toEqual(["cross_reactivity:MAJOR:0", "cross_reactivity:MODERATE:1"]);
  });

  it("AAS and NSAIDs cross-react; dipirona less", () => {
    expect(summary(allergy("AAS"), item(0, "ibu"), item(1, "dip"), item(2, "aas"))).toEqual([
      "cross_reactivity:MAJOR:0", "cross_reactivity:MODERATE:1", "allergy:CONTRAINDICATED:2",
    ]);
  });

  it("a coded class needs no words", () => {
    expect(summary(allergy("antibiótico", { drugClass: "sulfonamide" }), item(0, "smx"), item(1, "tmp"))).toEqual(["allergy:CONTRAINDICATED:0"]);
  });
});
