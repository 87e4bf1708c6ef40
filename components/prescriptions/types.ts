import type { ActionResult } from "@/lib/action-result";
import type { SavedPrescription } from "@/lib/prescriptions/drafts";
import type { SafetyPreview } from "@/lib/prescriptions/queries";
import type { SignedPrescription } from "@/lib/prescriptions/sign";

// The server actions the chart hands the prescription panel (app/t/[tenant]/(staff)/records/
// prescription-actions.ts). Types only: the components never import the domain's code.

export type PrescriptionActions = {
  create: (input: unknown) => Promise<ActionResult<SavedPrescription>>;
  save: (id: string, input: unknown) => Promise<ActionResult<SavedPrescription>>;
  preview: (input: unknown) => Promise<ActionResult<{ preview: SafetyPreview }>>;
  sign: (id: string, input: unknown) => Promise<ActionResult<{ signed: SignedPrescription }>>;
  cancel: (id: string, input: unknown) => Promise<ActionResult<{ id: string }>>;
  renew: (id: string, input: unknown) => Promise<ActionResult<{ id: string }>>;
};

export type { SafetyPreview };
