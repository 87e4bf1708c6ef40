import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { requireClinicalAccessToKnownPatient } from "@/lib/ehr/access";
import { forbidden } from "@/lib/errors";
import type { PrescriptionStatus } from "@/lib/generated/prisma/enums";
import { z } from "zod";
import { rxError } from "./errors";

// Who may do what to a prescription. Reading follows the chart (lib/ehr/access.ts): whoever may
// read the patient's clinical data. Writing is the prescriber's: a doctor (prescriptions:write to
// draft, prescriptions:sign to sign) writes inside an encounter of their own, in any state of that
// encounter (a prescription is often written after the note is signed), and only the author
// changes, signs or cancels it. Nothing changes once signed but the cancellation.

export type PrescriptionPermission = "prescriptions:write" | "prescriptions:sign";

export function assertPrescriber(ctx: Context, permission: PrescriptionPermission = "prescriptions:write"): string {
  if (!can(ctx, permission) || !ctx.user) throw forbidden();
  return ctx.user.id;
}

type Ref = { doctorId: string; status: PrescriptionStatus; version: number };

export function assertAuthor(userId: string, row: Ref): void {
  if (row.doctorId !== userId) throw rxError("conflict", "authorOnly");
}

/** The draft's author may change it. */
export function assertEditable(userId: string, row: Ref): void {
  if (row.status === "SIGNED") throw rxError("conflict", "signedImmutable");
  if (row.status === "CANCELLED") throw rxError("conflict", "cancelledImmutable");
  assertAuthor(userId, row);
}

export function assertVersion(row: Ref, expected: number): void {
  if (row.version !== expected) throw rxError("conflict", "staleVersion", { current: row.version, expected }, "version");
}

const idSchema = z.uuid();

/**
 * The encounter a prescription is written in: the acting doctor's own (not an addendum), of a
 * patient they may read. Unknown or another clinic's → not found.
 */
export async function encounterForPrescribing(tx: Tx, ctx: Context, medicalRecordId: string, doctorId: string) {
  const parsed = idSchema.safeParse(medicalRecordId);
  const encounter = parsed.success
    ? await tx.medicalRecord.findFirst({ where: { id: parsed.data }, select: { id: true, patientId: true, doctorId: true, type: true } })
    : null;
  if (!encounter) throw rxError("not_found", "encounterNotFound");
  const access = await requireClinicalAccessToKnownPatient(tx, ctx, encounter.patientId);
  if (encounter.type === "ADDENDUM") throw rxError("conflict", "encounterAddendum");
  if (encounter.doctorId !== doctorId) throw rxError("conflict", "encounterAuthorOnly");
  return { ...encounter, access };
}
