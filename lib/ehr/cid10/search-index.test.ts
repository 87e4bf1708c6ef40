import { describe, expect, it } from "vitest";
import { buildCid10Index, findCid10Code, normalizeText, searchCid10Index } from "./search-index";

const row = (code: string, description: string, sexRestriction: string | null = null) =>
  ({ code, category: code.slice(0, 3), description, sexRestriction, isCategory: !code.includes(".") });

const index = buildCid10Index([
  row("I11.9", "Doença cardíaca hipertensiva sem insuficiência cardíaca"),
  row("I10", "Hipertensão essencial (primária)"),
  row("I11", "Doença cardíaca hipertensiva"),
  row("I15", "Hipertensão secundária"),
  row("I15.0", "Hipertensão renovascular"),
  row("O10", "Hipertensão pré-existente complicando a gravidez, o parto e o puerpério", "F"),
  row("N40", "Hiperplasia da próstata", "M"),
  row("E11", "Diabetes mellitus não-insulino-dependente"),
  row("E11.9", "Diabetes mellitus não-insulino-dependente - sem complicações"),
  row("E10", "Diabetes mellitus insulino-dependente"),
  row("R03.0", "Valor elevado da pressão arterial sem o diagnóstico de hipertensão"),
]);
const codes = (q: string, limit = 20) => searchCid10Index(index, q, limit).map((m) => m.code);

describe("CID-10 index", () => {
  it("normalises accents, case and punctuation", () => {
    expect(normalizeText("  Não-Insulino-Dependente (PRIMÁRIA) ")).toBe("nao insulino dependente primaria");
  });

  it("ranks exact code, then code prefix, then categories first for short prefixes", () => {
    expect(codes("i11")).toEqual(["I11", "I11.9"]);
    expect(codes("e11.9")).toEqual(["E11.9"]);
    expect(codes("E119")).toEqual(["E11.9"]);
    expect(codes("I1")).toEqual(["I10", "I11", "I15", "I11.9", "I15.0"]);
  });

  it("ranks description word starts above partial matches, first words first", () => {
    expect(codes("hiperten")).toEqual(["I10", "I15", "O10", "I15.0", "I11", "I11.9", "R03.0"]);
    expect(codes("hipertensão secundaria")).toEqual(["I15"]);
    // "tensao" starts no word: partial matches only, after nothing better.
    expect(codes("tensao")).toEqual(["I10", "I15", "O10", "I15.0", "R03.0"]);
    expect(codes("insulino")).toEqual(["E10", "E11", "E11.9"]);
    expect(codes("diabetes sem")).toEqual(["E11.9"]);
  });

  it("limits, and answers nothing for no match or an empty query", () => {
    expect(codes("hiperten", 2)).toEqual(["I10", "I15"]);
    expect(codes("xyz")).toEqual([]);
    expect(codes("  -- ")).toEqual([]);
  });

  it("keeps the sex restriction and finds single codes", () => {
    expect(findCid10Code(index, "n40")).toEqual({ code: "N40", description: "Hiperplasia da próstata", isCategory: true, sexRestriction: "M" });
    expect(findCid10Code(index, "Z00")).toBeNull();
    expect(searchCid10Index(index, "O10", 1)[0]!.sexRestriction).toBe("F");
  });
});
