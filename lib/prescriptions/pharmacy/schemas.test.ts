import { describe, expect, it } from "vitest";
import { generateCnpj } from "@/lib/br/documents";
import { dispenseSchema } from "./schemas";

const base = () => ({
  verificationCode: "ABCD-EFGH-IJKL", pharmacyCnpj: generateCnpj(), pharmacyName: "Drogaria Central", pharmacistName: "Paula Souza",
  pharmacistCrf: "12345/SP", dispensedAt: "2026-12-02T10:00:00-03:00", items: [{ itemId: "0190b2a0-0000-7000-8000-000000000001", quantity: 1 }],
});

describe("dispenseSchema", () => {
  it("reads the CRF in the ways pharmacies write it, as number/UF", () => {
    for (const crf of ["12345/SP", "12345-sp", "CRF-SP 12345", "crf sp 12345", " 12345 / SP "]) {
      expect(dispenseSchema.parse({ ...base(), pharmacistCrf: crf }).pharmacistCrf, crf).toBe("12345/SP");
    }
    for (const crf of ["12345", "SP", "12345/XX", "abc/SP", ""]) expect(dispenseSchema.safeParse({ ...base(), pharmacistCrf: crf }).success, crf).toBe(false);
  });

  it("refuses an invalid CNPJ, a repeated item, no items and a non-positive quantity", () => {
    expect(dispenseSchema.safeParse({ ...base(), pharmacyCnpj: "11.111.111/1111-11" }).success).toBe(false);
    const item = base().items[0]!;
    expect(dispenseSchema.safeParse({ ...base(), items: [item, item] }).success).toBe(false);
    expect(dispenseSchema.safeParse({ ...base(), items: [] }).success).toBe(false);
    expect(dispenseSchema.safeParse({ ...base(), items: [{ ...item, quantity: 0 }] }).success).toBe(false);
    expect(dispenseSchema.safeParse({ ...base(), dispensedAt: "ontem" }).success).toBe(false);
  });
});
