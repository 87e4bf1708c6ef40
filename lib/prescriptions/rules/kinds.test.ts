import { describe, expect, it } from "vitest";
import { decideKind, validUntilOf, type ItemRegulation } from "./kinds";

const item = (over: Partial<ItemRegulation> = {}): ItemRegulation => ({
  position: 1, drugName: "losartana 50 mg", route: "oral", controlLists: [], antimicrobial: false, continuousUse: false, ...over,
});

describe("decideKind", () => {
  it("a plain item is a receita simples of 30 days; all continuous use, 180", () => {
    expect(decideKind([item()])).toMatchObject({ kind: "SIMPLE", validityDays: 30, refusals: [], reasons: [{ code: "simple" }] });
    expect(decideKind([item({ continuousUse: true }), item({ position: 2, continuousUse: true })]).validityDays).toBe(180);
    expect(decideKind([item({ continuousUse: true }), item({ position: 2 })]).validityDays).toBe(30);
  });

  it("an antimicrobial forces the antimicrobial form, valid 10 days", () => {
    const d = decideKind([item(), item({ position: 2, drugName: "amoxicilina 500 mg", antimicrobial: true })]);
    expect(d).toMatchObject({ kind: "ANTIMICROBIAL", validityDays: 10, refusals: [] });
    expect(d.reasons).toEqual([{ code: "antimicrobial", params: { drug: "amoxicilina 500 mg" } }]);
  });

  it("C1, C4, C5 and topical C2 force controle especial (30 days; 10 with an antimicrobial too)", () => {
    for (const list of ["C1", "C4", "C5"]) expect(decideKind([item({ controlLists: [list] })]).kind).toBe("SPECIAL_CONTROL");
    expect(decideKind([item({ controlLists: ["C2"], route: "tópica" })]).kind).toBe("SPECIAL_CONTROL");
    const both = decideKind([item({ drugName: "sertralina", controlLists: ["C1"] }), item({ position: 2, antimicrobial: true })]);
    expect(both).toMatchObject({ kind: "SPECIAL_CONTROL", validityDays: 10 });
    expect(both.reasons.map((r) => r.code)).toEqual(["controlled", "antimicrobial"]);
  });

  it("lists A and B, C3 and systemic C2 need a notification this app does not issue; E and F are proscribed", () => {
    const cases: [string, string, string][] = [["A1", "oral", "A"], ["A3", "oral", "A"], ["B1", "oral", "B"], ["B2", "oral", "B2"], ["C3", "oral", "thalidomide"], ["C2", "oral", "retinoids"]];
    for (const [list, route, form] of cases) {
      expect(decideKind([item({ drugName: "x", controlLists: [list], route })]).refusals).toEqual([
        { code: "notificationRequired", params: { drug: "x", list, form } },
      ]);
    }
    expect(decideKind([item({ drugName: "y", controlLists: ["F1"] })]).refusals).toEqual([{ code: "prohibitedSubstance", params: { drug: "y", list: "F1" } }]);
  });
});

describe("validUntilOf", () => {
  it("counts from the day after issue, across months and leap days", () => {
    expect(validUntilOf("2026-12-02", 10)).toBe("2026-12-12");
    expect(validUntilOf("2026-12-25", 10)).toBe("2027-01-04");
    expect(validUntilOf("2028-02-20", 10)).toBe("2028-03-01");
  });
});
