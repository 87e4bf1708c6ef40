import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { AppError, forbidden } from "@/lib/errors";
import type { RecordStatus } from "@/lib/generated/prisma/enums";
import { parseTenantSettings } from "@/lib/tenancy/settings";

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
  new AppError("conflict", "Este registro já está assinado e não pode ser alterado. Para corrigir, escreva um adendo.");

export function assertEditableBy(userId: string, record: RecordRef): void {
  if (record.status === "SIGNED") throw signedConflict();
  if (record.doctorId !== userId) throw new AppError("conflict", "Só o autor pode alterar este registro.");
  if (!EDITABLE.includes(record.status)) {
    throw new AppError("conflict", "Este registro está em revisão e não pode ser alterado agora.");
  }
}

export const staleConflict = () =>
  new AppError("conflict", "Este registro acabou de ser alterado em outra aba ou por outra pessoa. Recarregue para ver a versão atual.");

export function assertVersion(record: RecordRef, expected: number): void {
  if (record.version !== expected) {
    throw new AppError(
      "conflict",
      `Este registro foi alterado em outra aba ou por outra pessoa (versão ${record.version}, você tinha a ${expected}). Recarregue para ver a versão atual.`,
    );
  }
}

/** Sign: the author's own note, in the state the review rule requires. */
export function assertSignable(userId: string, record: RecordRef, reviewRequired: boolean): void {
  if (record.status === "SIGNED") throw signedConflict();
  if (record.doctorId !== userId) throw new AppError("conflict", "Só o autor pode assinar este registro.");
  if (reviewRequired && record.status !== "APPROVED") {
    throw new AppError("conflict", "Este registro precisa ser aprovado na revisão antes de ser assinado.");
  }
  if (!reviewRequired && record.status !== "DRAFT" && record.status !== "APPROVED") {
    throw new AppError("conflict", "Este registro não pode ser assinado no estado atual.");
  }
}
