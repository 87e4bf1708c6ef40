import { describe, expect, it } from "vitest";
import { formatTyped, maskTyping } from "./masks";

describe("masks while typing", () => {
  it("formats documents, CEP and phones progressively", () => {
    expect(["1", "1234", "12345678909"].map((v) => formatTyped("cpf", v))).toEqual(["1", "123.4", "123.456.789-09"]);
    expect(formatTyped("cpf", "123.456.789-0912")).toBe("123.456.789-09");
    expect(formatTyped("cnpj", "11222333000181")).toBe("11.222.333/0001-81");
    expect(formatTyped("cnpj", "12abc34501de35")).toBe("12.ABC.345/01DE-35");
    expect(formatTyped("cns", "898001160860907")).toBe("898 0011 6086 0907");
    expect(formatTyped("cep", "01310100")).toBe("01310-100");
    expect(formatTyped("phone", "11987654321")).toBe("(11) 98765-4321");
    expect(formatTyped("phone", "1133334444")).toBe("(11) 3333-4444");
    expect(formatTyped("phone", "+55 11 98765-4321")).toBe("(11) 98765-4321");
    expect(["1", "11", "119", "11987"].map((v) => formatTyped("phone", v))).toEqual(["(1", "(11", "(11) 9", "(11) 987"]);
  });

  it("reads a date typed as digits or with separators", () => {
    expect(formatTyped("date", "14031978")).toBe("14/03/1978");
    expect(["1", "14", "140", "1403", "14031"].map((v) => formatTyped("date", v))).toEqual(["1", "14", "14/0", "14/03", "14/03/1"]);
    expect(formatTyped("date", "1/3/1978")).toBe("01/03/1978");
    expect(formatTyped("date", "14/3/")).toBe("14/03");
    expect(formatTyped("date", "14/03/1978")).toBe("14/03/1978");
    // Typing on after the mask's own separator.
    expect(["14/031", "14/03/19", "14/03/19781"].map((v) => formatTyped("date", v))).toEqual(["14/03/1", "14/03/19", "14/03/1978"]);
  });

  it("keeps the caret after the same digits, past a separator it has just written", () => {
    expect(maskTyping("cpf", "1234", 4)).toEqual({ value: "123.4", caret: 5 });
    expect(maskTyping("cpf", "123", 3)).toEqual({ value: "123", caret: 3 });
    // A digit inserted in the middle: the caret stays right after it.
    expect(maskTyping("cpf", "123.4956.789-09", 5)).toEqual({ value: "123.495.678-90", caret: 5 });
    expect(maskTyping("date", "1403", 4)).toEqual({ value: "14/03", caret: 5 });
  });
});
