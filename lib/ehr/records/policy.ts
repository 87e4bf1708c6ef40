import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { AppError, forbidden } from "@/lib/errors";
import type { RecordStatus } from "@/lib/generated/prisma/enums";
import { parseTenantSettings } from "@/lib/tenancy/settings";
import { recordsMessage } from "./messages";

// Who may do what to an encounter note. Reading is decided per patient by lib/ehr/access.ts;
// these rules are about writing: only the author edits and signs their own note, only another
// doctor reviews it, and nothing changes once it is signed (corrections are addenda).

/** States in which the author may still change the text. */
export const EDITABLE: readonly RecordStatus[] = ["DRAFT", "RETURNED"];

export function assertClinician(ctx: Context, permission: "records:write" | "records:sign" = "records:write"): string {
  if (!can(ctx, permission) || !ctx.user) throw forbidden();
  return ctx.user.id;
}

/** Whether this clinic makes this doctor's records go through a second doctor's review. */
export function needsReview(settings: unknown, doctorId: string): boolean {
  return parseTenantSettings(settings).records.reviewRequiredDoctorIds.includes(doctorId);
}

type RecordRef = { id: string; doctorId: string; status: RecordStatus; version: number };

export const signedConflict = () =>
  new AppError("conflict", recordsMessage("signedImmutable"));

export function assertEditableBy(userId: string, record: RecordRef): void {
  if (record.status === "SIGNED") throw signedConflict();
  if (record.doctorId !== userId) throw new AppError("conflict", recordsMessage("authorOnlyEdit"));
  if (!EDITABLE.includes(record.status)) {
    throw new AppError("conflict", recordsMessage("inReview"));
  }
}

export const staleConflict = () =>
  new AppError("conflict", recordsMessage("staleTab"));

export function assertVersion(record: RecordRef, expected: number): void {
  if (record.version !== expected) {
    throw new AppError(
      "conflict",
      recordsMessage("staleVersion", { current: record.version, expected }),
    );
  }
}

/** Sign: the author's own note, in the state the review rule requires. */
export function assertSignable(userId: string, record: RecordRef, reviewRequired: boolean): void {
  if (record.status === "SIGNED") throw signedConflict();
  if (record.doctorId !== userId) throw new AppError("conflict", recordsMessage("authorOnlySign"));
  if (reviewRequired && record.status !== "APPROVED") {
    throw new AppError("conflict", recordsMessage("needsApproval"));
  }
  if (!reviewRequired && record.status !== "DRAFT" && record.status !== "APPROVED") {
    throw new AppError("conflict", recordsMessage("cannotSignNow"));
  }
}
