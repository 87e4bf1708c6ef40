import { describe, expect, it } from "vitest";
import { hasTwoDigitYear, parseTypedDate } from "./br-input";
import { patientUpdateSchema } from "./record-schemas";

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe("dates as typed into a form", () => {
  it("reads digits alone and any separator, as dd/mm/aaaa", () => {
    for (const typed of ["14031978", "14/03/1978", "14-03-1978", "14.03.1978", "14 03 1978", "14/3/1978", " 14/03/1978 "]) {
      expect(parseTypedDate(typed), typed).toEqual(day(1978, 3, 14));
    }
    expect(parseTypedDate("1978-03-14")).toEqual(day(1978, 3, 14));
  });

  it("refuses impossible days and two-digit years, and says which", () => {
    for (const bad of ["31021978", "14/13/1978", "1403197", "abc"]) expect(parseTypedDate(bad), bad).toBeNull();
    for (const short of ["14/03/78", "14-3-78", "140378"]) {
      expect(parseTypedDate(short), short).toBeNull();
      expect(hasTwoDigitYear(short), short).toBe(true);
    }
    expect(hasTwoDigitYear("14031978")).toBe(false);
  });
});

describe("the registration form's birth date", () => {
  const birthDateError = (birthDate: string) => {
    const r = patientUpdateSchema.safeParse({ fullName: "Maria Teste", birthDate });
    return r.success ? null : r.error.issues.find((i) => i.path[0] === "birthDate")?.message ?? null;
  };

  it("accepts digits alone, and hints at the year when it has two digits", () => {
    expect(birthDateError("14031978")).toBeNull();
    expect(birthDateError("14/03/78")).toBe("Use o ano com 4 dígitos (ex.: 14/03/1978).");
    expect(birthDateError("14/03/1878")).toMatch(/intervalo/);
  });
});
