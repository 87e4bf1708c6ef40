import { describe, expect, it } from "vitest";
import { numberInWords } from "./quantity-words";

describe("numberInWords", () => {
  it("writes the forms a receituário prints, in the unit's gender", () => {
    const cases: [number, "m" | "f", string][] = [
      [1, "m", "um"], [1, "f", "uma"], [2, "m", "dois"], [2, "f", "duas"], [3, "f", "três"],
      [10, "m", "dez"], [14, "m", "quatorze"], [16, "f", "dezesseis"], [19, "m", "dezenove"],
      [20, "m", "vinte"], [21, "f", "vinte e uma"], [22, "m", "vinte e dois"], [30, "f", "trinta"],
      [45, "m", "quarenta e cinco"], [60, "m", "sessenta"], [99, "f", "noventa e nove"],
      [100, "m", "cem"], [101, "f", "cento e uma"], [120, "m", "cento e vinte"], [200, "f", "duzentas"],
      [222, "m", "duzentos e vinte e dois"], [222, "f", "duzentas e vinte e duas"], [500, "m", "quinhentos"],
      [999, "f", "novecentas e noventa e nove"], [1000, "m", "mil"], [1001, "f", "mil e uma"],
      [1005, "m", "mil e cinco"], [1100, "m", "mil e cem"], [1200, "f", "mil e duzentas"],
      [1230, "m", "mil duzentos e trinta"], [2000, "f", "duas mil"], [2002, "m", "dois mil e dois"],
      [21000, "m", "vinte e um mil"], [100000, "m", "cem mil"], [101000, "f", "cento e uma mil"],
      [999999, "m", "novecentos e noventa e nove mil novecentos e noventa e nove"],
    ];
    for (const [n, gender, words] of cases) expect(numberInWords(n, gender), `${n} ${gender}`).toBe(words);
  });

  it("refuses what is not a whole quantity it can write", () => {
    for (const bad of [-1, 1.5, Number.NaN, 1_000_000, Infinity]) expect(() => numberInWords(bad)).toThrow(RangeError);
  });
});
