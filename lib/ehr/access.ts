import { recordDataAccess } from "@/lib/audit/record";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";
import type { DataAccessAction } from "@/lib/generated/prisma/enums";
import { patientIdSchema } from "@/lib/patients/record-schemas";

// Every door to clinical content (chart, timeline, vitals, attachments, API) asks here first and
// logs here after, in the same transaction as the read. Secretary and finance roles hold no
// `records:read`, so they are refused unless a break-glass grant says otherwise.

export type ClinicalAccess =
  | { patientId: string; via: "role" }
  | { patientId: string; via: "break_glass"; grantId: string };

/** LGPD art. 11, II, f: health protection by a health professional (tutela da saúde). */
export const DEFAULT_CLINICAL_PURPOSE = "tutela da saúde";

/**
 * Decides whether `ctx` may read this patient's clinical data. An unknown or other clinic's
 * patient is not found (never forbidden: outsiders learn nothing); a known patient without the
 * permission is forbidden.
 */
export async function requireClinicalAccess(tx: Tx, ctx: Context, patientId: unknown): Promise<ClinicalAccess> {
  const parsed = patientIdSchema.safeParse(patientId);
  if (!parsed.success) throw notFound("Paciente");
  const patient = await tx.patient.findFirst({ where: { id: parsed.data }, select: { id: true } });
  if (!patient) throw notFound("Paciente");
  if (can(ctx, "records:read")) return { patientId: patient.id, via: "role" };
  throw forbidden();
}

export type ClinicalRead = { dataType: string; entityId?: string | null; action?: DataAccessAction };

/** Records one read of clinical data under the access decided by requireClinicalAccess. */
export async function logClinicalRead(tx: Tx, ctx: Context, access: ClinicalAccess, read: ClinicalRead): Promise<void> {
  await recordDataAccess(tx, ctx, {
    patientId: access.patientId,
    dataType: read.dataType,
    entityId: read.entityId ?? null,
    action: read.action,
    purpose: access.via === "break_glass" ? `break-glass:${access.grantId}` : (ctx.purpose ?? DEFAULT_CLINICAL_PURPOSE),
    legalBasis: "HEALTH_PROTECTION",
  });
}
