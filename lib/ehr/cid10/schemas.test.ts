import { describe, expect, it } from "vitest";
import { validationMessage } from "@/lib/validation/messages";
import { addDiagnosis, cid10SearchSchema, diagnosisListSchema, removeDiagnosis, setMainDiagnosis, sexConflict, type Cid10Match } from "./schemas";

const match = (code: string, sexRestriction: "F" | "M" | null = null): Cid10Match => ({ code, description: code, isCategory: true, sexRestriction });

describe("CID-10 schemas", () => {
  it("accepts trimmed printable queries and refuses empty, long, control and lone-surrogate input", () => {
    expect(cid10SearchSchema.parse({ q: "  hiperten " })).toEqual({ q: "hiperten" });
    expect(cid10SearchSchema.parse({ q: "I10", limit: "5" })).toEqual({ q: "I10", limit: 5 });
    const issue = (input: unknown) => cid10SearchSchema.safeParse(input).error?.issues[0]?.message;
    expect(issue({ q: " " })).toBe("q.required");
    expect(issue({})).toBe("q.required");
    expect(issue({ q: 5 })).toBe("q.required");
    expect(issue({ q: "a".repeat(81) })).toBe("q.tooLong");
    // NUL bytes and lone surrogates are the project-wide sanitiser's (lib/validation/text.ts).
    expect(issue({ q: "I\u000010" })).toBe(validationMessage("nul"));
    expect(issue({ q: "I10\uD800" })).toBe(validationMessage("surrogate"));
    expect(issue({ q: "I\u000710" })).toBe("q.invalid");
    expect(issue({ q: "I10", limit: 0 })).toBe("limit.invalid");
  });

  it("warns only when the patient's sex is known and differs", () => {
    expect(sexConflict("F", "M")).toBe("F");
    expect(sexConflict("M", "F")).toBe("M");
    expect(sexConflict("F", "F")).toBeNull();
    expect(sexConflict("F", null)).toBeNull();
    expect(sexConflict(null, "M")).toBeNull();
  });

  it("keeps one main diagnosis through add, set-main and remove", () => {
    let list = addDiagnosis([], match("I10"));
    list = addDiagnosis(list, match("E11.9"));
    list = addDiagnosis(list, match("I10"));
    expect(list.map((d) => [d.code, d.role, d.certainty])).toEqual([["I10", "main", "confirmed"], ["E11.9", "secondary", "confirmed"]]);
    list = setMainDiagnosis(list, "E11.9");
    expect(list.map((d) => d.role)).toEqual(["secondary", "main"]);
    list = removeDiagnosis(list, "E11.9");
    expect(list.map((d) => [d.code, d.role])).toEqual([["I10", "main"]]);
    expect(diagnosisListSchema.safeParse(list.map(({ code, role, certainty }) => ({ code, role, certainty }))).success).toBe(true);
    expect(diagnosisListSchema.safeParse([
      { code: "I10", role: "main", certainty: "confirmed" }, { code: "E11", role: "main", certainty: "suspected" },
    ]).error?.issues[0]?.message).toBe("list.oneMain");
  });
});
