import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { z } from "zod";
import { patientCreateSchema, allergySchema } from "@/lib/patients/record-schemas";
import { patientListQuery } from "@/lib/patients/schemas";
import { selfRegistrationSchema } from "@/lib/patients/self-registration";
import { bookAppointmentSchema } from "@/lib/scheduling/schemas";
import { waitlistEntrySchema } from "@/lib/engagement/waitlist-schemas";
import { acceptInvitationSchema } from "@/lib/users/schemas";
import { searchText, text, truncateText, unsafeTextReason } from "./text";

const NUL_MESSAGE = "O texto contém um caractere inválido (byte nulo). Remova-o e tente de novo.";
const SURROGATE_MESSAGE = "O texto contém um caractere Unicode incompleto. Digite-o de novo.";
const messagesOf = (r: z.ZodSafeParseResult<unknown>, field: string) =>
  r.success ? [] : r.error.issues.filter((i) => i.path.join(".") === field).map((i) => i.message);

describe("text()", () => {
  it("refuses NUL bytes and lone surrogates with one clear message, before the other checks", () => {
    const name = text().trim().min(3, "curto").max(5, "longo");
    expect(messagesOf(name.safeParse("a\u0000bcdefgh"), "")).toEqual([NUL_MESSAGE]);
    expect(messagesOf(name.safeParse("ab\uD800c"), "")).toEqual([SURROGATE_MESSAGE]);
    expect(messagesOf(name.safeParse("ab\uDC00c"), "")).toEqual([SURROGATE_MESSAGE]);
    expect(name.safeParse("  abcd ").data).toBe("abcd");
  });

  it("accepts emoji pairs, RTL marks, quotes and markup as ordinary text", () => {
    for (const v of ["José 😀", "\u202Eabc\u200F", "O'Brien; DROP TABLE x;--", "<script>alert(1)</script>", "\uD83D\uDE00"]) {
      expect(unsafeTextReason(v)).toBeNull();
      expect(text().safeParse(v).success).toBe(true);
    }
  });

  it("agrees with the definition for any string: unsafe exactly when it has U+0000 or is not well-formed UTF-16", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => {
      const wellFormed = !/[\uD800-\uDFFF]/.test(s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ""));
      expect(unsafeTextReason(s) === null).toBe(wellFormed && !s.includes("\u0000"));
    }), { seed: 8, numRuns: 2000 });
  });

  it("truncates by code points, never splitting a pair", () => {
    expect(truncateText("ab😀cd", 3)).toBe("ab😀");
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), fc.integer({ min: 0, max: 200 }), (s, max) => {
      expect(unsafeTextReason(truncateText(s, max))).toBeNull();
    }), { seed: 8, numRuns: 500 });
  });

  it("search text is cut to its maximum, not refused; NUL in it is a field error", () => {
    expect(searchText(100).safeParse("x".repeat(5000)).data).toBe("x".repeat(100));
    expect(patientListQuery.safeParse({ q: "Maria ".repeat(500) }).data?.q).toHaveLength(100);
    expect(messagesOf(patientListQuery.safeParse({ q: "ma\u0000ria" }), "q")).toEqual([NUL_MESSAGE]);
  });
});

describe("every schema refuses unsafe text as a field error", () => {
  const hostile = ["\u0000", "Maria\u0000Silva", "Jo\uD800sé", "\uDFFFabc"];
  it.each([
    ["patient fullName", patientCreateSchema, "fullName"],
    ["patient street", patientCreateSchema, "street"],
    ["allergy reaction", allergySchema, "reaction"],
    ["self-registration name", selfRegistrationSchema, "name"],
    ["booking reason", bookAppointmentSchema, "reason"],
    ["waitlist notes", waitlistEntrySchema, "notes"],
    ["invitation name", acceptInvitationSchema, "name"],
  ] as const)("%s", (_label, schema, field) => {
    for (const value of hostile) {
      const messages = messagesOf((schema as z.ZodType).safeParse({ [field]: value }), field);
      expect(messages.some((m) => m === NUL_MESSAGE || m === SURROGATE_MESSAGE), `${field}=${JSON.stringify(value)}`).toBe(true);
    }
  });
});
