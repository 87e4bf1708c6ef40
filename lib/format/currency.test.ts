import { describe, expect, it } from "vitest";
import { formatBRL } from "./currency";

// Intl separates the symbol with a non-breaking space.
const NBSP = "\u00a0";

describe("formatBRL", () => {
  it("formats centavos as reais with pt-BR separators", () => {
    expect(formatBRL(123456)).toBe(`R$${NBSP}1.234,56`);
    expect(formatBRL(0)).toBe(`R$${NBSP}0,00`);
    expect(formatBRL(5)).toBe(`R$${NBSP}0,05`);
    expect(formatBRL(100)).toBe(`R$${NBSP}1,00`);
    expect(formatBRL(123456789)).toBe(`R$${NBSP}1.234.567,89`);
  });

  it("formats negative amounts (refunds, adjustments)", () => {
    expect(formatBRL(-2550)).toBe(`-R$${NBSP}25,50`);
  });

  it("rejects fractional or non-finite centavos", () => {
    expect(() => formatBRL(10.5)).toThrow(RangeError);
    expect(() => formatBRL(Number.NaN)).toThrow(RangeError);
    expect(() => formatBRL(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
