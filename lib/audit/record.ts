import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import type { DataAccessAction, LegalBasis, SecurityEventType, Severity } from "@/lib/generated/prisma/enums";
import { assertNoPersonalValues } from "./metadata-guard";

// Audit rows are written with the same transaction client as the change they describe, so a
// failed audit write fails the change. Tenant, sequence and hash are filled by the database.
// Audit last: the chain trigger takes the clinic's advisory lock at the insert and holds it to
// commit, serialising the clinic's writes; so write audit rows as the transaction's last
// statements, after hooks and other writes (docs/architecture.md, "Audit").

export type Actor = Pick<Context, "user" | "requestId" | "ip" | "userAgent">;

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  /**
   * Facts about the change (field names, ids, codes, counts); never personal or clinical values
   * in clear (refused by assertNoPersonalValues). Before/after values: `auditChanges()`.
   */
  metadata?: Record<string, unknown>;
  riskScore?: number;
};

function auditRow(ctx: Actor, entry: AuditEntry) {
  assertNoPersonalValues(entry.action, entry.metadata);
  return {
    actorId: ctx.user?.id ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    ip: ctx.ip,
    userAgent: ctx.userAgent?.slice(0, 512) ?? null,
    requestId: ctx.requestId,
    riskScore: entry.riskScore ?? 0,
    metadata: (entry.metadata ?? {}) as object,
  };
}

/** A row of the clinic's chain (audit_logs), inside the clinic's withTenant transaction. */
export async function recordAudit(tx: Tx, ctx: Actor, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: auditRow(ctx, entry), select: { id: true } });
}

/** A row of the platform's own chain (platform_audit_logs), inside systemDb.withPlatform. */
export async function recordPlatformAudit(tx: Tx, ctx: Actor, entry: AuditEntry): Promise<void> {
  await tx.platformAuditLog.create({ data: auditRow(ctx, entry), select: { id: true } });
}

export type SecurityEventEntry = {
  type: SecurityEventType;
  severity: Severity;
  userId?: string | null;
  details?: Record<string, unknown>;
};

export type EventContext = Pick<Context, "requestId" | "ip" | "userAgent">;

const eventRow = (ctx: EventContext, e: SecurityEventEntry) => ({
  type: e.type,
  severity: e.severity,
  userId: e.userId ?? null,
  ip: ctx.ip,
  userAgent: ctx.userAgent?.slice(0, 512) ?? null,
  requestId: ctx.requestId,
  details: (e.details ?? {}) as object,
});

export async function recordSecurityEvent(tx: Tx, ctx: EventContext, e: SecurityEventEntry): Promise<void> {
  await tx.securityEvent.create({ data: eventRow(ctx, e), select: { id: true } });
}

/** A security event of a platform account (platform_security_events), inside systemDb.withPlatform. */
export async function recordPlatformSecurityEvent(tx: Tx, ctx: EventContext, e: SecurityEventEntry): Promise<void> {
  await tx.platformSecurityEvent.create({ data: eventRow(ctx, e), select: { id: true } });
}

export type DataAccessEntry = {
  patientId: string;
  dataType: string;
  entityId?: string | null;
  action?: DataAccessAction;
  purpose?: string;
  legalBasis?: LegalBasis;
};

/** Every read of clinical data leaves who, whose, what, why and under which legal basis. */
export async function recordDataAccess(tx: Tx, ctx: Context, e: DataAccessEntry): Promise<void> {
  if (!ctx.user) throw new Error("recordDataAccess needs an authenticated user");
  await tx.dataAccessLog.create({
    data: {
      userId: ctx.user.id,
      patientId: e.patientId,
      dataType: e.dataType,
      entityId: e.entityId ?? null,
      action: e.action ?? "VIEW",
      purpose: e.purpose ?? ctx.purpose ?? "assistência à saúde",
      legalBasis: e.legalBasis ?? "HEALTH_PROTECTION",
      ip: ctx.ip,
      requestId: ctx.requestId,
    },
    select: { id: true },
  });
}
