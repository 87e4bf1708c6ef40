import { recordDataAccess } from "@/lib/audit/record";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";
import type { DataAccessAction } from "@/lib/generated/prisma/enums";
import { patientIdSchema } from "@/lib/patients/record-schemas";

// Every door to clinical content (chart, timeline, vitals, attachments, API) asks here first and
// logs here after, in the same transaction as the read. Secretary and finance roles hold no
// `records:read`, so they are refused unless a break-glass grant says otherwise
// (lib/ehr/break-glass.ts opens one; docs/security.md, "Break-glass").

export type ClinicalAccess =
  | { patientId: string; via: "role" }
  | { patientId: string; via: "break_glass"; grantId: string; expiresAt: Date };

/** LGPD art. 11, II, f: health protection by a health professional (tutela da saúde). */
export const DEFAULT_CLINICAL_PURPOSE = "tutela da saúde";
/** Purpose of reads under a break-glass grant (followed by the grant id in data_access_logs). */
export const BREAK_GLASS_PURPOSE = "acesso de emergência";

/** Whether this user may open a chart by break-glass (a staff permission; never patients). */
export function mayBreakGlass(ctx: Pick<Context, "permissions" | "user">): boolean {
  return ctx.user !== null && can(ctx, "records:break_glass") && !can(ctx, "portal:self");
}

/** The user's live break-glass grant for this patient at `now`, if any (newest expiry first). */
export async function findActiveGrant(tx: Tx, ctx: Context, patientId: string, now: Date = new Date()) {
  if (!ctx.user) return null;
  return tx.breakGlassGrant.findFirst({
    where: { userId: ctx.user.id, patientId, startsAt: { lte: now }, expiresAt: { gt: now } },
    orderBy: { expiresAt: "desc" },
    select: { id: true, expiresAt: true },
  });
}

/**
 * Decides whether `ctx` may read this patient's clinical data. An unknown or other clinic's
 * patient is not found (never forbidden: outsiders learn nothing); a known patient without the
 * permission is forbidden unless the user holds a live break-glass grant for this patient.
 */
export async function requireClinicalAccess(tx: Tx, ctx: Context, patientId: unknown, now: Date = new Date()): Promise<ClinicalAccess> {
  const parsed = patientIdSchema.safeParse(patientId);
  if (!parsed.success) throw notFound("Paciente");
  const patient = await tx.patient.findFirst({ where: { id: parsed.data }, select: { id: true } });
  if (!patient) throw notFound("Paciente");
  return requireClinicalAccessToKnownPatient(tx, ctx, patient.id, now);
}

/**
 * requireClinicalAccess for a patient the caller has just read through a row that names them
 * (a record, in this transaction, under RLS): the patient exists in this clinic, so the
 * existence read is skipped and only the permission or grant is decided.
 */
export async function requireClinicalAccessToKnownPatient(tx: Tx, ctx: Context, patientId: string, now: Date = new Date()): Promise<ClinicalAccess> {
  if (can(ctx, "records:read")) return { patientId, via: "role" };
  if (mayBreakGlass(ctx)) {
    const grant = await findActiveGrant(tx, ctx, patientId, now);
    if (grant) return { patientId, via: "break_glass", grantId: grant.id, expiresAt: grant.expiresAt };
  }
  throw forbidden();
}

/** The purpose of a read by role: the request's own (ctx.purpose) or routine care. */
export const routinePurpose = (ctx: Pick<Context, "purpose">): string => ctx.purpose ?? DEFAULT_CLINICAL_PURPOSE;

export type ClinicalRead = { dataType: string; entityId?: string | null; action?: DataAccessAction };

/**
 * Records one read of clinical data under the access decided by requireClinicalAccess. Reads
 * under break-glass carry the grant in the purpose and the emergency legal basis (LGPD art. 11,
 * II, e: protection of life), so an audit can tell them apart from routine care.
 */
export async function logClinicalRead(tx: Tx, ctx: Context, access: ClinicalAccess, read: ClinicalRead): Promise<void> {
  const breakGlass = access.via === "break_glass";
  await recordDataAccess(tx, ctx, {
    patientId: access.patientId,
    dataType: read.dataType,
    entityId: read.entityId ?? null,
    action: read.action,
    purpose: breakGlass ? `${BREAK_GLASS_PURPOSE}:${access.grantId}` : routinePurpose(ctx),
    legalBasis: breakGlass ? "LIFE_PROTECTION" : "HEALTH_PROTECTION",
  });
}
