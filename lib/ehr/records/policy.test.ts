import { describe, expect, it } from "vitest";
import { assertEditableBy, assertSignable, assertVersion, needsReview } from "./policy";

const rec = (status: "DRAFT" | "PENDING_REVIEW" | "RETURNED" | "APPROVED" | "SIGNED", doctorId = "a") => ({ id: "r", doctorId, status, version: 3 });

describe("record policy", () => {
  it("only the author edits, and only a draft or a returned note", () => {
    expect(() => assertEditableBy("a", rec("DRAFT"))).not.toThrow();
    expect(() => assertEditableBy("a", rec("RETURNED"))).not.toThrow();
    for (const s of ["PENDING_REVIEW", "APPROVED", "SIGNED"] as const) expect(() => assertEditableBy("a", rec(s))).toThrow();
    expect(() => assertEditableBy("b", rec("DRAFT"))).toThrow(/autor/);
  });

  it("signing follows the review rule", () => {
    expect(() => assertSignable("a", rec("DRAFT"), false)).not.toThrow();
    expect(() => assertSignable("a", rec("DRAFT"), true)).toThrow(/aprovado/);
    expect(() => assertSignable("a", rec("APPROVED"), true)).not.toThrow();
    expect(() => assertSignable("a", rec("SIGNED"), false)).toThrow(/assinado/);
    expect(() => assertSignable("b", rec("DRAFT"), false)).toThrow(/autor/);
  });

  it("versions must match; review list comes from settings with a safe default", () => {
    expect(() => assertVersion(rec("DRAFT"), 2)).toThrow(/versão 3/);
    expect(needsReview({ records: { reviewRequiredDoctorIds: ["0190a8c4-0000-7000-8000-000000000001"] } }, "0190a8c4-0000-7000-8000-000000000001")).toBe(true);
    expect(needsReview({ records: { reviewRequiredDoctorIds: "junk" } }, "x")).toBe(false);
    expect(needsReview(null, "x")).toBe(false);
  });
});
