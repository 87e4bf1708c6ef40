import type { AppErrorCode, FieldErrors } from "@/lib/errors";

/** What a patient server action answers. */
export type PatientActionResult =
  | { ok: true; id?: string }
  | { ok: false; code: AppErrorCode; message: string; fields?: FieldErrors };

export type PatientAction<A extends unknown[] = [unknown]> = (...args: A) => Promise<PatientActionResult>;

export type PatientActions = {
  create: PatientAction;
  preRegister: PatientAction;
  update: PatientAction<[string, unknown]>;
  archive: PatientAction<[string]>;
  unarchive: PatientAction<[string]>;
  addAllergy: PatientAction<[string, unknown]>;
  inactivateAllergy: PatientAction<[string, string]>;
  setDeniesAllergies: PatientAction<[string, boolean]>;
  setCommunicationConsents: PatientAction<[string, unknown]>;
};
