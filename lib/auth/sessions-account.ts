import Bowser from "bowser";
import { z } from "zod";
import { recordAudit, recordSecurityEvent } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { AppError, notFound, unauthorized } from "@/lib/errors";
import { findTenant } from "@/lib/tenancy/current";
import { endSession, idleMinutesFor, settingsOf, WEB_SESSION } from "./sessions";

// A person's own sessions, as the account page shows them: list, end one, end all. Only ever
// ctx.user's rows (RLS keeps the tenant, the where clause keeps the user), so there is no
// permission beyond being signed in; another person's session id answers 404.

export type OwnSession = {
  id: string;
  kind: "WEB" | "API";
  /** "Chrome 131 · Windows"; null when the client sent no recognisable user agent. */
  device: string | null;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
};

const sessionIdSchema = z.object({ sessionId: z.uuid() });

function self(ctx: Context) {
  if (!ctx.user) throw unauthorized();
  return ctx.user;
}

export function describeDevice(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const parsed = Bowser.parse(userAgent);
  const browser = [parsed.browser.name, parsed.browser.version?.split(".")[0]].filter(Boolean).join(" ");
  const os = parsed.os.name ?? "";
  const text = [browser, os].filter(Boolean).join(" · ");
  return text || userAgent.slice(0, 60);
}

/** Sessions still alive now: not revoked, not past expiry, and (web) not idle past the limit. */
export async function listOwnSessions(ctx: Context, currentSessionId: string | null, now = new Date()): Promise<OwnSession[]> {
  const user = self(ctx);
  const settings = settingsOf(await findTenant(ctx.tenantSlug));
  const idleSince = new Date(now.getTime() - idleMinutesFor(settings, ctx.roles) * 60_000);
  const rows = await withTenant(ctx, (tx) => tx.userSession.findMany({
    where: {
      userId: user.id, revokedAt: null, expiresAt: { gt: now },
      OR: [{ kind: "API" }, { kind: WEB_SESSION, lastSeenAt: { gte: idleSince } }],
    },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, kind: true, ip: true, userAgent: true, createdAt: true, lastSeenAt: true },
  }));
  return rows.map((r) => ({
    id: r.id, kind: r.kind === "API" ? "API" : "WEB", device: describeDevice(r.userAgent), ip: r.ip,
    createdAt: r.createdAt, lastSeenAt: r.lastSeenAt, current: r.id === currentSessionId,
  }));
}

/** Ends one of the user's own sessions (another device, or an app's token family). */
export async function revokeOwnSession(ctx: Context, input: unknown, now = new Date()): Promise<void> {
  const user = self(ctx);
  const parsed = sessionIdSchema.safeParse(input);
  if (!parsed.success) throw notFound("Sessão");
  const sessionId = parsed.data.sessionId;
  await withTenant(ctx, async (tx) => {
    const row = await tx.userSession.findFirst({ where: { id: sessionId, userId: user.id, revokedAt: null }, select: { id: true, kind: true } });
    if (!row) throw notFound("Sessão");
    await endSession(tx, row.id, "revoked", now);
    await recordAudit(tx, ctx, { action: "auth.session_revoked", entityType: "user_session", entityId: row.id, metadata: { kind: row.kind } });
    await recordSecurityEvent(tx, ctx, {
      type: "SESSION_REVOKED", severity: "INFO", userId: user.id, details: { reason: "revoked", sessionId: row.id, kind: row.kind },
    });
  });
}

/**
 * "Sign out everywhere": every web session and every API refresh family of the user ends, and
 * the session version moves on, so even a token this code did not know of stops working.
 */
export async function signOutEverywhere(ctx: Context, now = new Date()): Promise<{ ended: number }> {
  const user = self(ctx);
  return withTenant(ctx, async (tx) => {
    const { count } = await tx.userSession.updateMany({
      where: { userId: user.id, revokedAt: null }, data: { revokedAt: now, revokeReason: "everywhere" },
    });
    const bumped = await tx.user.updateMany({ where: { id: user.id, status: "ACTIVE" }, data: { sessionVersion: { increment: 1 } } });
    if (bumped.count !== 1) throw new AppError("unauthorized", "Sessão expirada. Entre novamente.");
    await recordAudit(tx, ctx, { action: "auth.sign_out_everywhere", entityType: "user", entityId: user.id, metadata: { sessionsEnded: count } });
    await recordSecurityEvent(tx, ctx, {
      type: "SESSION_REVOKED", severity: "MEDIUM", userId: user.id, details: { reason: "everywhere", sessionsEnded: count },
    });
    return { ended: count };
  });
}
