// Vital signs: the measures, their units and their ranges as data. Client-safe: the form checks
// with checkVitals() as the user types and the domain (mutations.ts) runs the same function
// again, so the browser, the server action and /api/v1 refuse and question the same values.
//
// Two ranges per measure. `valid` is what a living patient can have (and what the database's
// check constraints hold, prisma/migrations/*_ehr_vitals_break_glass_sql): outside it the value
// is a typing error and is refused. `plausible` is what a clinic usually sees: outside it (but
// valid) the value is saved only when the recorder explicitly confirms it, never silently.

export const VITAL_FIELDS = [
  "systolicMmhg", "diastolicMmhg", "heartRateBpm", "respiratoryRate", "temperatureC", "spo2Percent",
  "weightKg", "heightCm", "glucoseMgdl", "painScore", "headCircumferenceCm",
] as const;
export type VitalField = (typeof VITAL_FIELDS)[number];

export type MeasureSpec = {
  unit: string;
  /** Decimal places accepted (0 = whole numbers). */
  decimals: number;
  valid: readonly [number, number];
  plausible: readonly [number, number];
};

export const VITAL_MEASURES: Record<VitalField, MeasureSpec> = {
  systolicMmhg: { unit: "mmHg", decimals: 0, valid: [40, 300], plausible: [70, 220] },
  diastolicMmhg: { unit: "mmHg", decimals: 0, valid: [20, 200], plausible: [40, 130] },
  heartRateBpm: { unit: "bpm", decimals: 0, valid: [20, 300], plausible: [40, 180] },
  respiratoryRate: { unit: "irpm", decimals: 0, valid: [4, 100], plausible: [8, 60] },
  temperatureC: { unit: "°C", decimals: 1, valid: [25, 45], plausible: [34, 41.5] },
  spo2Percent: { unit: "%", decimals: 0, valid: [30, 100], plausible: [85, 100] },
  weightKg: { unit: "kg", decimals: 3, valid: [0.2, 500], plausible: [1, 250] },
  heightCm: { unit: "cm", decimals: 1, valid: [20, 260], plausible: [40, 220] },
  glucoseMgdl: { unit: "mg/dL", decimals: 0, valid: [10, 1500], plausible: [40, 400] },
  painScore: { unit: "0–10", decimals: 0, valid: [0, 10], plausible: [0, 10] },
  headCircumferenceCm: { unit: "cm", decimals: 1, valid: [20, 70], plausible: [30, 60] },
};

export type VitalValues = Partial<Record<VitalField, number>>;

/** A problem with one field: a code and its parameters; the words are in ehrVitals.errors. */
export type VitalIssue =
  | { field: VitalField; code: "number" | "decimals"; params: { decimals: number } }
  | { field: VitalField; code: "range" | "implausible"; params: { min: number; max: number; unit: string } }
  | { field: "diastolicMmhg" | "systolicMmhg"; code: "pressureOrder" | "pressurePair"; params: Record<string, never> }
  | { field: "_"; code: "empty"; params: Record<string, never> };

export type VitalsCheck = {
  values: VitalValues;
  /** Refusals: the value cannot be saved as typed. */
  errors: VitalIssue[];
  /** Valid values outside the plausible range that were not confirmed. */
  unconfirmed: VitalIssue[];
  /** Fields outside the plausible range that the recorder confirmed. */
  confirmed: VitalField[];
};

/** A form string ("36,8", " 120 ") or a JSON number as a number; null when empty; NaN when not a number. */
export function toNumber(raw: unknown): number | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === "number") return raw;
  if (typeof raw !== "string") return Number.NaN;
  const text = raw.trim().replace(",", ".");
  if (text === "") return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

const decimalsOf = (n: number) => (Number.isInteger(n) ? 0 : (String(n).split(".")[1]?.length ?? 0));

function checkOne(field: VitalField, raw: unknown, errors: VitalIssue[]): number | null {
  const spec = VITAL_MEASURES[field];
  const n = toNumber(raw);
  if (n === null) return null;
  if (!Number.isFinite(n)) { errors.push({ field, code: "number", params: { decimals: spec.decimals } }); return null; }
  if (decimalsOf(n) > spec.decimals) { errors.push({ field, code: "decimals", params: { decimals: spec.decimals } }); return null; }
  const [min, max] = spec.valid;
  if (n < min || n > max) { errors.push({ field, code: "range", params: { min, max, unit: spec.unit } }); return null; }
  return n;
}

const isVitalField = (v: unknown): v is VitalField => typeof v === "string" && (VITAL_FIELDS as readonly string[]).includes(v);

/**
 * Checks every measure of `raw` (an object keyed by VITAL_FIELDS) and sorts the problems into
 * refusals and unconfirmed implausible values. `confirm` lists the fields the recorder has
 * confirmed; a confirmation of a plausible value is ignored (it confirms nothing).
 */
export function checkVitals(raw: Partial<Record<VitalField, unknown>>, confirm: readonly unknown[] = []): VitalsCheck {
  const errors: VitalIssue[] = [];
  const values: VitalValues = {};
  for (const field of VITAL_FIELDS) {
    const n = checkOne(field, raw[field], errors);
    if (n !== null) values[field] = n;
  }
  const { systolicMmhg: sys, diastolicMmhg: dia } = values;
  const sysTyped = toNumber(raw.systolicMmhg) !== null;
  const diaTyped = toNumber(raw.diastolicMmhg) !== null;
  if (sysTyped !== diaTyped) errors.push({ field: sysTyped ? "diastolicMmhg" : "systolicMmhg", code: "pressurePair", params: {} });
  else if (sys !== undefined && dia !== undefined && sys <= dia) errors.push({ field: "diastolicMmhg", code: "pressureOrder", params: {} });
  if (errors.length === 0 && Object.keys(values).length === 0) errors.push({ field: "_", code: "empty", params: {} });

  const confirmedSet = new Set(confirm.filter(isVitalField));
  const unconfirmed: VitalIssue[] = [];
  const confirmed: VitalField[] = [];
  for (const field of VITAL_FIELDS) {
    const n = values[field];
    if (n === undefined) continue;
    const [min, max] = VITAL_MEASURES[field].plausible;
    if (n >= min && n <= max) continue;
    if (confirmedSet.has(field)) confirmed.push(field);
    else unconfirmed.push({ field, code: "implausible", params: { min, max, unit: VITAL_MEASURES[field].unit } });
  }
  return { values, errors, unconfirmed, confirmed };
}

/** Body mass index, kg/m², one decimal; null unless both weight and height are known. */
export function computeBmi(weightKg: number | null | undefined, heightCm: number | null | undefined): number | null {
  if (!weightKg || !heightCm) return null;
  const metres = heightCm / 100;
  return Math.round((weightKg / (metres * metres)) * 10) / 10;
}

/** One stored measurement as the UI and the API see it. */
export type VitalSignDto = {
  id: string;
  measuredAt: string;
  medicalRecordId: string | null;
  values: VitalValues;
  bmi: number | null;
  confirmedImplausible: VitalField[];
  recordedBy: { id: string; name: string };
};
