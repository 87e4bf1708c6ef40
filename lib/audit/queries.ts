import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { forbidden } from "@/lib/errors";

export type AuditListItem = {
  seq: string;
  createdAt: string;
  action: string;
  entityType: string;
  entityId: string | null;
  actorName: string | null;
  ip: string | null;
};

export async function listAuditLogs(ctx: Context, input: { page?: number; pageSize?: number } = {}) {
  if (!can(ctx, "audit:read")) throw forbidden();
  const pageSize = Math.min(Math.max(input.pageSize ?? 50, 10), 200);
  const page = Math.max(input.page ?? 1, 1);
  return withTenant(ctx, async (tx) => {
    // Sequential: a transaction is one connection (no Promise.all on tx).
    const rows = await tx.auditLog.findMany({
      orderBy: { seq: "desc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { seq: true, createdAt: true, action: true, entityType: true, entityId: true, actorId: true, ip: true },
    });
    const total = await tx.auditLog.count();
    const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => !!id))];
    const actors = actorIds.length
      ? await tx.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })
      : [];
    const names = new Map(actors.map((a) => [a.id, a.name]));
    const items: AuditListItem[] = rows.map((r) => ({
      seq: r.seq.toString(),
      createdAt: r.createdAt.toISOString(),
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      actorName: r.actorId ? names.get(r.actorId) ?? null : null,
      ip: r.ip,
    }));
    return { rows: items, total, page, pageSize };
  });
}
