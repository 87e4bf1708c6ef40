import type { ActionResult } from "@/lib/action-result";

/** What a patient server action answers (the new-patient form reads `id` to open the record). */
export type PatientActionResult = ActionResult<{ id?: string }>;

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
