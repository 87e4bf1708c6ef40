import { describe, expect, it } from "vitest";
import { formatPhone, normalizePhone, parseDateInput } from "./br-input";
import { classifySearch, escapeLike } from "./search-query";

describe("classifySearch", () => {
  it("reads a valid CPF, masked or bare, as a CPF (and the same digits as a phone)", () => {
    expect(classifySearch("529.982.247-25")).toMatchObject({ kind: "cpf", cpf: "52998224725" });
    expect(classifySearch("52998224725")).toMatchObject({ kind: "cpf", cpf: "52998224725" });
  });

  it("reads other digit runs as phones, trying every area code when it is missing", () => {
    expect(classifySearch("(11) 98765-4321")).toEqual({ kind: "phone", phones: ["11987654321"] });
    expect(classifySearch("+55 21 3333-4444")).toEqual({ kind: "phone", phones: ["2133334444"] });
    const local = classifySearch("98765-4321");
    expect(local.kind === "phone" && local.phones).toContain("11987654321");
    const landline = classifySearch("3333-4444");
    expect(landline.kind === "phone" && landline.phones).toEqual(expect.arrayContaining(["1133334444", "11933334444"]));
  });

  it("reads dd/mm/aaaa as a birth date, and refuses impossible days", () => {
    expect(classifySearch("17/05/1990")).toEqual({ kind: "birthDate", date: new Date(Date.UTC(1990, 4, 17)) });
    expect(classifySearch("31/02/1990")).toEqual({ kind: "digits" });
  });

  it("does not search part of a CPF (it is encrypted)", () => {
    expect(classifySearch("123.456")).toEqual({ kind: "digits" });
  });

  it("normalises names: accents, case, spaces; at most 6 words", () => {
    expect(classifySearch("  JOÃO   Conceição ")).toEqual({ kind: "name", query: "joao conceicao", terms: ["joao", "conceicao"] });
    expect(classifySearch("a b c d e f g h")).toMatchObject({ terms: ["a", "b", "c", "d", "e", "f"] });
    expect(classifySearch("")).toEqual({ kind: "all" });
  });

  it("escapes LIKE wildcards", () => {
    expect(escapeLike("50%_o\\k")).toBe("50\\%\\_o\\\\k");
  });
});

describe("br-input", () => {
  it("parses dates dd/mm/aaaa and ISO, only real days", () => {
    expect(parseDateInput("01/02/2001")).toEqual(new Date(Date.UTC(2001, 1, 1)));
    expect(parseDateInput("2001-02-01")).toEqual(new Date(Date.UTC(2001, 1, 1)));
    expect(parseDateInput("29/02/2023")).toBeNull();
  });

  it("normalises Brazilian phones with area code", () => {
    expect(normalizePhone("(11) 98765-4321")).toBe("11987654321");
    expect(normalizePhone("11 3333-4444")).toBe("1133334444");
    expect(normalizePhone("(01) 98765-4321")).toBeNull();
    expect(normalizePhone("11 88765-4321")).toBeNull();
    expect(formatPhone("11987654321")).toBe("(11) 98765-4321");
  });
});
