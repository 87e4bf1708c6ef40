import { getStates } from "@brazilian-utils/brazilian-utils";
import { describe, expect, it } from "vitest";
import {
  formatCnpj, formatCns, formatCpf, generateCnpj, generateCpf, isUf, isValidCnes, isValidCnpj,
  isValidCns, isValidCpf, isValidCrm, normalizeCnpj, normalizeCns, normalizeCpf, normalizeCrm, UFS,
} from "./documents";

describe("CPF", () => {
  it.each(["529.982.247-25", "52998224725", "123.456.789-09", "280.012.389-38"])("accepts %s", (cpf) => {
    expect(isValidCpf(cpf)).toBe(true);
  });

  it.each(["529.982.247-24", "52998224752", "5299822472", "529982247251", "abc", "", "529.982.247-2X"])(
    "rejects %j",
    (cpf) => expect(isValidCpf(cpf)).toBe(false),
  );

  it("rejects every all-same-digit CPF, although their check digits add up", () => {
    for (let d = 0; d <= 9; d++) expect(isValidCpf(String(d).repeat(11))).toBe(false);
  });

  it("normalizes without truncating and formats", () => {
    expect(normalizeCpf(" 529.982.247-25 ")).toBe("52998224725");
    expect(normalizeCpf("529982247251")).toBe("529982247251"); // stays invalid, not cut to 11
    expect(formatCpf("52998224725")).toBe("529.982.247-25");
    expect(formatCpf("529.982.247-25")).toBe("529.982.247-25");
  });

  it("generates valid CPFs", () => {
    for (let i = 0; i < 200; i++) expect(isValidCpf(generateCpf())).toBe(true);
  });
});

describe("CNPJ", () => {
  it.each([
    "11.222.333/0001-81",
    "11222333000181",
    "12.ABC.345/01DE-35", // Receita Federal's alphanumeric example (manual do DV do CNPJ)
    "12ABC34501DE35",
    "12abc34501de35",
    "Q0SLFMBD7VX439",
  ])("accepts %s", (cnpj) => expect(isValidCnpj(cnpj)).toBe(true));

  it.each(["11.222.333/0001-80", "12.ABC.345/01DE-36", "12ABC34501DE3A", "1122233300018", "", "AAAAAAAAAAAAAA"])(
    "rejects %j",
    (cnpj) => expect(isValidCnpj(cnpj)).toBe(false),
  );

  it("rejects all-same-digit numeric CNPJs", () => {
    for (let d = 0; d <= 9; d++) expect(isValidCnpj(String(d).repeat(14))).toBe(false);
  });

  it("normalizes and formats both kinds", () => {
    expect(normalizeCnpj("12.abc.345/01de-35")).toBe("12ABC34501DE35");
    expect(normalizeCnpj("11.222.333/0001-81")).toBe("11222333000181");
    expect(formatCnpj("12abc34501de35")).toBe("12.ABC.345/01DE-35");
    expect(formatCnpj("11222333000181")).toBe("11.222.333/0001-81");
  });

  it("generates valid numeric and alphanumeric CNPJs", () => {
    for (let i = 0; i < 200; i++) {
      expect(generateCnpj()).toMatch(/^\d{14}$/);
      const alpha = generateCnpj({ alphanumeric: true });
      expect(alpha).toMatch(/^[0-9A-Z]{12}\d{2}$/);
      expect(isValidCnpj(alpha)).toBe(true);
    }
  });
});

/**
 * Reference CNS construction written from the DATASUS algorithm, independent of the library,
 * so the tests check the library against the rule rather than against itself.
 */
const weighted = (digits: string) => [...digits].reduce((sum, d, i) => sum + Number(d) * (15 - i), 0);

function definitiveCns(base11: string): string {
  const sum = weighted(base11);
  const dv = 11 - (sum % 11);
  if (dv === 10) return `${base11}001${11 - ((sum + 2) % 11)}`;
  return `${base11}000${dv === 11 ? 0 : dv}`;
}

function provisionalCns(first14: string): string | null {
  const last = (11 - (weighted(first14) % 11)) % 11;
  return last === 10 ? null : `${first14}${last}`;
}

describe("CNS", () => {
  const definitive = ["12345678901", "29876543210", "10000000006", "20304050607"].map(definitiveCns);
  const provisional = ["70000000000000", "89800116066000", "91234567890123", "78765432109876"]
    .map(provisionalCns)
    .filter((v): v is string => v !== null);

  it("the reference construction agrees with published examples", () => {
    expect(definitiveCns("12345678901")).toBe("123456789010000");
    expect(definitiveCns("10000000006")).toBe("100000000060018"); // the "001" branch
    expect(provisionalCns("70000000000000")).toBe("700000000000005");
    expect(provisional.length).toBeGreaterThanOrEqual(3);
  });

  it("accepts definitive (1/2) and provisional (7/8/9) numbers", () => {
    for (const cns of [...definitive, ...provisional]) expect(isValidCns(cns), cns).toBe(true);
    expect(isValidCns("123 4567 8901 0000")).toBe(true);
  });

  it("rejects a changed digit", () => {
    // Position 5 carries weight 11, which mod 11 cannot detect: the official rule's blind spot.
    for (const cns of [...definitive, ...provisional]) {
      for (const i of [0, 3, 6, 10, 11, 13, 14]) {
        const d = (Number(cns[i]) + 1) % 10;
        const changed = `${cns.slice(0, i)}${d}${cns.slice(i + 1)}`;
        expect(isValidCns(changed), changed).toBe(false);
      }
    }
  });

  it("rejects other prefixes, lengths and characters", () => {
    for (const prefix of "03456") {
      expect(isValidCns(`${prefix}${"1".repeat(14)}`)).toBe(false);
    }
    const withSuffix2 = `${definitive[0]?.slice(0, 11)}002${definitive[0]?.slice(14)}`;
    expect(isValidCns(withSuffix2)).toBe(false);
    for (const bad of ["", "70000000000000", "7000000000000050", "70000000000000A"]) {
      expect(isValidCns(bad)).toBe(false);
    }
  });

  it("normalizes and formats", () => {
    expect(normalizeCns("700 0000 0000 0005")).toBe("700000000000005");
    expect(formatCns("700000000000005")).toBe("700 0000 0000 0005");
  });
});

describe("CNES", () => {
  it("accepts 7 digits only", () => {
    expect(isValidCnes("2077485")).toBe(true);
    for (const bad of ["207748", "20774850", "207748A", "0000000", "", "2.077.485"]) {
      expect(isValidCnes(bad), bad).toBe(false);
    }
  });
});

describe("CRM and UFs", () => {
  it("lists the 27 UFs the library knows", () => {
    expect([...UFS].sort()).toEqual(getStates().map((s) => s.code).sort());
    expect(isUf("SP")).toBe(true);
    expect(isUf("XX")).toBe(false);
  });

  it("accepts 1–8 digits with a real UF", () => {
    expect(isValidCrm("123456", "SP")).toBe(true);
    expect(isValidCrm("123.456", "sp")).toBe(true);
    expect(isValidCrm("52", "AC")).toBe(true);
    expect(isValidCrm("12345678", "DF")).toBe(true);
  });

  it("rejects bad numbers and unknown UFs", () => {
    for (const [n, uf] of [["123456", "XX"], ["123456", ""], ["", "SP"], ["0", "SP"], ["123456789", "SP"],
      ["12A45", "SP"], ["-123", "SP"], ["12/SP", "SP"]] as const) {
      expect(isValidCrm(n, uf), `${n}/${uf}`).toBe(false);
    }
  });

  it("normalizes separators and leading zeros", () => {
    expect(normalizeCrm(" 001.234 ")).toBe("1234");
    expect(normalizeCrm("0")).toBe("0");
  });
});
