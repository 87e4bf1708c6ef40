import { describe, expect, it } from "vitest";
import { formatVerificationCode, newVerificationCode, normalizeVerificationCode } from "./code";
import { addDays, formatAddress } from "./header";
import { prescriptionValidUntil } from "./kinds/prescription";
import { parseBranding } from "./pdf/branding";
import { wrap } from "./pdf/writer";
import { ecdsaDer } from "./signature/cms";
import { initialsOf } from "./verify";
import type { PrescriptionDocumentBody } from "./types";

describe("verification codes", () => {
  it("are 12 Crockford symbols, distinct, printed in groups and read back however typed", () => {
    const codes = new Set(Array.from({ length: 500 }, newVerificationCode));
    expect(codes.size).toBe(500);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(formatVerificationCode("ABCDEFGHJKMN")).toBe("ABCD-EFGH-JKMN");
    expect(normalizeVerificationCode("abcd efgh-jkmn")).toBe("ABCDEFGHJKMN");
    expect(normalizeVerificationCode("O1LI-0000-0000")).toBe("011100000000");
    for (const bad of ["", "ABCD", "ABCD-EFGH-JKMU", "ABCD-EFGH-JKMN-1", 12, null, "x".repeat(100)]) {
      expect(normalizeVerificationCode(bad)).toBeNull();
    }
  });
});

describe("validity of prescriptions", () => {
  const body = (prescriptionKind: PrescriptionDocumentBody["prescriptionKind"], validUntil: string | null) =>
    ({ kind: "PRESCRIPTION", prescriptionId: "p", prescriptionKind, items: [], notes: null, validUntil }) as PrescriptionDocumentBody;
  it("keeps the legal limit: 10 days for antimicrobials, 30 for special control, as given for simple ones", () => {
    expect(prescriptionValidUntil(body("ANTIMICROBIAL", null), "2026-12-25")).toBe("2027-01-04");
    expect(prescriptionValidUntil(body("ANTIMICROBIAL", "2027-03-01"), "2026-12-25")).toBe("2027-01-04");
    expect(prescriptionValidUntil(body("ANTIMICROBIAL", "2026-12-28"), "2026-12-25")).toBe("2026-12-28");
    expect(prescriptionValidUntil(body("SPECIAL_CONTROL", null), "2026-02-10")).toBe("2026-03-12");
    expect(prescriptionValidUntil(body("SIMPLE", null), "2026-02-10")).toBeNull();
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
  });
});

describe("printing helpers", () => {
  it("names the patient by initials only, skipping particles", () => {
    expect(initialsOf("Maria da Graça Ñunes")).toBe("M. G. Ñ.");
    expect(initialsOf("  joão  dos santos e silva ")).toBe("J. S. S.");
  });

  it("writes an address from whatever parts exist", () => {
    expect(formatAddress({ street: "Rua A", number: "10", city: "Campinas", uf: "SP", cep: "13015002" })).toBe("Rua A, 10 — Campinas/SP — CEP 13015-002");
    expect(formatAddress({})).toBeNull();
    expect(formatAddress(null)).toBeNull();
  });

  it("reads branding defensively", () => {
    expect(parseBranding({ primaryColor: "#7A1F5C" }).primary).toEqual({ r: 0x7a, g: 0x1f, b: 0x5c });
    const fallback = parseBranding({ primaryColor: "red", logoDataUrl: "data:image/svg+xml;base64,PHN2Zz4=" });
    expect(fallback.logo).toBeNull();
    expect(parseBranding(null).accent).toEqual(fallback.primary);
    expect(parseBranding({ logoDataUrl: "data:image/png;base64,iVBORw0KGgo=" }).logo?.type).toBe("png");
  });

  it("wraps text to the column, cutting words that cannot fit", () => {
    // Only the width matters to wrapping: 5 points per character.
    const font = { widthOfTextAtSize: (t: string) => t.length * 5 } as unknown as Parameters<typeof wrap>[1];
    expect(wrap("um dois três quatro", font, 10, 50)).toEqual(["um dois", "três", "quatro"]);
    expect(wrap("a\nb", font, 10, 50)).toEqual(["a", "b"]);
    expect(wrap("x".repeat(25), font, 10, 50)).toEqual(["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
  });
});

describe("ECDSA signature values", () => {
  it("turns a raw r‖s into DER and leaves DER alone", () => {
    const raw = Buffer.concat([Buffer.alloc(32, 0x80), Buffer.concat([Buffer.alloc(2, 0), Buffer.alloc(30, 0x01)])]);
    const der = ecdsaDer(raw);
    expect(der[0]).toBe(0x30);
    expect(der.subarray(2, 5)).toEqual(Buffer.from([0x02, 33, 0x00]));
    expect(der.subarray(2 + 2 + 33, 2 + 2 + 33 + 2)).toEqual(Buffer.from([0x02, 30]));
    expect(ecdsaDer(der)).toBe(der);
  });
});
