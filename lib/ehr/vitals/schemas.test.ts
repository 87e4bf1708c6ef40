import { describe, expect, it } from "vitest";
import { checkVitals, computeBmi, toNumber, VITAL_FIELDS, VITAL_MEASURES } from "./schemas";

describe("vital sign ranges", () => {
  it("has, for every measure, a plausible range inside its valid range", () => {
    for (const f of VITAL_FIELDS) {
      const { valid, plausible } = VITAL_MEASURES[f];
      expect(valid[0], f).toBeLessThanOrEqual(plausible[0]);
      expect(plausible[1], f).toBeLessThanOrEqual(valid[1]);
      expect(plausible[0], f).toBeLessThan(plausible[1]);
    }
  });

  it("refuses text and impossible values as field errors", () => {
    const check = checkVitals({ heartRateBpm: "abc", respiratoryRate: 999, temperatureC: "36,85" });
    expect(check.errors).toEqual([
      { field: "heartRateBpm", code: "number", params: { decimals: 0 } },
      { field: "respiratoryRate", code: "range", params: { min: 4, max: 100, unit: "irpm" } },
      { field: "temperatureC", code: "decimals", params: { decimals: 1 } },
    ]);
    expect(checkVitals({ heartRateBpm: 999 }).errors).toEqual([{ field: "heartRateBpm", code: "range", params: { min: 20, max: 300, unit: "bpm" } }]);
  });

  it("accepts Brazilian decimal commas and blank fields", () => {
    expect(toNumber("36,8")).toBe(36.8);
    expect(toNumber("  ")).toBeNull();
    expect(toNumber("1e3")).toBeNaN();
    const check = checkVitals({ temperatureC: "36,8", heartRateBpm: "", weightKg: "72,350" });
    expect(check).toEqual({ values: { temperatureC: 36.8, weightKg: 72.35 }, errors: [], unconfirmed: [], confirmed: [] });
  });

  it("asks for confirmation of a valid value outside the plausible range, and takes it when given", () => {
    const asked = checkVitals({ heartRateBpm: 200, spo2Percent: 97 });
    expect(asked.errors).toEqual([]);
    expect(asked.unconfirmed).toEqual([{ field: "heartRateBpm", code: "implausible", params: { min: 40, max: 180, unit: "bpm" } }]);
    const confirmed = checkVitals({ heartRateBpm: 200, spo2Percent: 97 }, ["heartRateBpm", "spo2Percent", "nonsense"]);
    expect(confirmed.unconfirmed).toEqual([]);
    expect(confirmed.confirmed).toEqual(["heartRateBpm"]);
  });

  it("wants systolic above diastolic and both together", () => {
    expect(checkVitals({ systolicMmhg: 80, diastolicMmhg: 90 }).errors).toEqual([{ field: "diastolicMmhg", code: "pressureOrder", params: {} }]);
    expect(checkVitals({ systolicMmhg: 80, diastolicMmhg: 80 }).errors.map((e) => e.code)).toEqual(["pressureOrder"]);
    expect(checkVitals({ systolicMmhg: 120 }).errors).toEqual([{ field: "diastolicMmhg", code: "pressurePair", params: {} }]);
    expect(checkVitals({ systolicMmhg: 120, diastolicMmhg: 80 }).errors).toEqual([]);
  });

  it("refuses an empty set", () => {
    expect(checkVitals({}).errors).toEqual([{ field: "_", code: "empty", params: {} }]);
  });
});

describe("computeBmi", () => {
  it("is kg/m² with one decimal, only with both measures", () => {
    expect(computeBmi(70, 175)).toBe(22.9);
    expect(computeBmi(3.2, 50)).toBe(12.8);
    expect(computeBmi(70, null)).toBeNull();
    expect(computeBmi(undefined, 170)).toBeNull();
  });
});
