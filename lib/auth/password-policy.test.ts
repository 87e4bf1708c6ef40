import { describe, expect, it } from "vitest";
import { commonPasswords, PASSWORD_MESSAGES as M, validatePassword } from "./password-policy";

const owner = { name: "Maria Conceição da Silva", email: "maria.conceicao@clinica.test", cpf: "529.982.247-25" };

describe("validatePassword", () => {
  it("accepts a long password with letters and digits that says nothing about its owner", () => {
    expect(validatePassword("trem azul 7 montanhas", owner)).toEqual([]);
    expect(validatePassword("Xk9#pq2vLm", owner)).toEqual([]);
  });

  it("counts characters, not UTF-16 units, and bounds the length both ways", () => {
    expect(validatePassword("xyz98765")).toEqual([M.tooShort]);
    expect(validatePassword("ação12345é")).toEqual([]); // 10 characters
    expect(validatePassword("😀😀😀😀😀a1234")).toEqual([]); // 10 code points, 15 UTF-16 units
    expect(validatePassword(`a1${"x".repeat(126)}`)).toEqual([]);
    expect(validatePassword(`a1${"x".repeat(127)}`)).toEqual([M.tooLong]);
  });

  it("demands letters and digits", () => {
    expect(validatePassword("somenteletras")).toEqual([M.lettersAndDigits]);
    expect(validatePassword("9183746502")).toEqual([M.lettersAndDigits]);
    expect(validatePassword("")).toEqual([M.tooShort, M.lettersAndDigits]);
  });

  it.each(["senha12345", "Flamengo2019", "CORINTHIANS123", "qwerty123456", "1q2w3e4r5t6y", "password123", "brasil2024"])(
    "refuses the common password %s, whatever its case",
    (pw) => expect(validatePassword(pw)).toContain(M.common),
  );

  it("ships a block list with the usual suspects", () => {
    const list = commonPasswords();
    expect(list.size).toBeGreaterThan(5000);
    for (const pw of ["123456", "senha123", "brasil", "flamengo", "corinthians"]) expect(list.has(pw)).toBe(true);
  });

  it("refuses the owner's name parts of four letters or more, accents ignored", () => {
    expect(validatePassword("conceição-2024x", { name: owner.name })).toEqual([M.name]);
    expect(validatePassword("xSILVA99999", owner)).toEqual([M.name]);
    // "da" and short parts are not personal enough to refuse.
    expect(validatePassword("dado-lento-42", owner)).toEqual([]);
  });

  it("refuses the e-mail local part and its pieces", () => {
    const o = { email: "joao.pedro@clinica.test" };
    expect(validatePassword("joao.pedro77", o)).toEqual([M.email]);
    expect(validatePassword("pedro-e-o-lobo-1", o)).toEqual([M.email]);
    expect(validatePassword("clinica-teste-1", o)).toEqual([]); // the domain is not personal
  });

  it("refuses the CPF, formatted or not, and its nine base digits", () => {
    expect(validatePassword("cpf52998224725", owner)).toEqual([M.cpf]);
    expect(validatePassword("x529.982.247-25", owner)).toEqual([M.cpf]);
    expect(validatePassword("abc529982247", owner)).toEqual([M.cpf]);
    expect(validatePassword("abc5299822", owner)).toEqual([]);
  });

  it("reports every rule broken at once", () => {
    expect(validatePassword("maria", owner)).toEqual([M.tooShort, M.lettersAndDigits, M.common, M.name, M.email]);
  });
});
