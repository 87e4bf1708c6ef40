import { z } from "zod";
import { text } from "@/lib/validation/text";
import { ACCESS_TOKEN_TTL_S, signAccessToken } from "@/lib/api/jwt";
import { recordAudit, recordSecurityEvent } from "@/lib/audit/record";
import { randomToken, sha256Hex } from "@/lib/crypto/tokens";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { AppError, unauthorized } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request";
import { findTenant } from "@/lib/tenancy/current";
import { beginSignIn, promptOf, type ClinicSessionUser } from "./sign-in";
import { CHALLENGE_TTL_MS } from "./two-factor-challenge";
import { enrolmentRequired, FACTOR_COLUMNS, methodOf, mustEnrol } from "./two-factor-policy";
import type { TwoFactorPrompt } from "./two-factor-protocol";

// Token sign-in for the REST API (mobile apps, integrations). Each login opens a user_sessions
// row of kind API; its refresh tokens form one family that rotates on every use. Presenting a
// refresh token that was already used means two parties hold it (theft, or a leaked backup):
// the whole family is revoked and a security event is left. Bearer checks live in lib/api/context.ts.

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export const apiLoginSchema = z.object({
  email: text({ error: "Informe o e-mail." }).min(1, "Informe o e-mail.").max(254),
  password: text({ error: "Informe a senha." }).min(1, "Informe a senha.").max(1024),
});
export const apiRefreshSchema = z.object({
  refreshToken: text({ error: "Informe o refresh token." }).min(1, "Informe o refresh token.").max(200),
});

export type ApiTokens = { accessToken: string; tokenType: "Bearer"; expiresIn: number; refreshToken: string };

/** The password was right and the account has a second factor: POST /verify-2fa next. */
export type ApiTwoFactorChallenge = TwoFactorPrompt & { twoFactorRequired: true; expiresIn: number };

const badCredentials = () => new AppError("unauthorized", "E-mail ou senha inválidos.");

// user_sessions has no column for the session version the family was opened under, so it
// travels inside the refresh token; the stored hash covers it, so it cannot be altered. A bumped
// version (password reset, deactivation, 2FA reset) then ends the family at its next refresh.
const newRefreshToken = (sessionVersion: number) => `${randomToken(32)}.${sessionVersion}`;
const versionOf = (token: string) => Number(token.slice(token.lastIndexOf(".") + 1));

async function issueRefreshToken(tx: Tx, tenantId: string, sessionId: string, sessionVersion: number, now: Date): Promise<string> {
  const token = newRefreshToken(sessionVersion);
  const expiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_MS);
  await tx.refreshToken.create({ data: { sessionId, tokenHash: sha256Hex(token), expiresAt }, select: { id: true } });
  // The family lives as long as its newest token: 30 days of inactivity end it.
  await tx.userSession.update({ where: { tenantId_id: { tenantId, id: sessionId } }, data: { lastSeenAt: now, expiresAt }, select: { id: true } });
  return token;
}

const tokens = (u: { id: string; sessionVersion: number }, tenantId: string, sessionId: string, refreshToken: string): ApiTokens => ({
  accessToken: signAccessToken({ sub: u.id, tid: tenantId, sid: sessionId, sv: u.sessionVersion }),
  tokenType: "Bearer",
  expiresIn: ACCESS_TOKEN_TTL_S,
  refreshToken,
});

/**
 * Password sign-in on a clinic host: same lockout, attempts and events as the web form. An
 * account with a second factor gets a challenge (and, for e-mail or SMS, a code is sent now)
 * that POST /api/v1/auth/verify-2fa exchanges with the code for the token pair.
 */
export async function loginWithPassword(input: z.infer<typeof apiLoginSchema>, meta: RequestMeta): Promise<ApiTokens | ApiTwoFactorChallenge> {
  // The API is served on clinic hosts only; without one beginSignIn() would try the platform.
  if (!meta.tenantSlug) throw badCredentials();
  const step = await beginSignIn(input, meta);
  if (!step) throw badCredentials();
  if (step.kind === "two_factor") return { twoFactorRequired: true, ...promptOf(step), expiresIn: CHALLENGE_TTL_MS / 1000 };
  if (step.user.kind !== "clinic") throw badCredentials();
  return openApiSession(step.user, meta, false);
}

/** Opens an API session; `secondFactorPassed` says whether the user proved their second factor. */
export async function openApiSession(user: ClinicSessionUser, meta: RequestMeta, secondFactorPassed: boolean): Promise<ApiTokens> {
  const now = new Date();
  const tenant = await findTenant(meta.tenantSlug ?? "");
  return withTenant({ tenantId: user.tenantId, requestId: meta.requestId, user }, async (tx) => {
    const row = await tx.user.findFirst({ where: { id: user.id }, select: { roles: { select: { role: true } }, ...FACTOR_COLUMNS } });
    if (!row) throw badCredentials();
    // Defence in depth: a password alone never opens a session for an account with a factor.
    if (methodOf(row) && !secondFactorPassed) throw badCredentials();
    // The clinic demands a factor this user has not set up: no tokens (see docs/security.md).
    if (mustEnrol(tenant?.settings, row.roles.map((r) => r.role), row)) throw enrolmentRequired();
    const session = await tx.userSession.create({
      data: {
        userId: user.id, kind: "API", ip: meta.ip, userAgent: meta.userAgent?.slice(0, 512) ?? null,
        expiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_MS),
      },
      select: { id: true },
    });
    const refreshToken = await issueRefreshToken(tx, user.tenantId, session.id, user.sessionVersion, now);
    await recordAudit(tx, { ...meta, user }, { action: "auth.api_login", entityType: "user_session", entityId: session.id });
    return tokens(user, user.tenantId, session.id, refreshToken);
  });
}

type RefreshOutcome = { ok: ApiTokens } | { refused: "invalid" | "reuse" };

/** Rotates a refresh token of the host's tenant: a new pair, or 401 (and revocation on reuse). */
export async function refreshTokens(input: z.infer<typeof apiRefreshSchema>, meta: RequestMeta): Promise<ApiTokens> {
  const tenant = meta.tenantSlug ? await findTenant(meta.tenantSlug) : null;
  if (!tenant || tenant.status !== "ACTIVE") throw unauthorized();
  // RLS scopes the lookup to the host's tenant: another tenant's token is simply not found.
  const outcome = await withTenant({ tenantId: tenant.id, requestId: meta.requestId, user: null },
    (tx) => rotate(tx, input.refreshToken, tenant.id, meta, new Date()));
  // Refusals commit first (a revoked family must stay revoked), then answer 401.
  if ("refused" in outcome) throw unauthorized();
  return outcome.ok;
}

async function rotate(tx: Tx, token: string, tenantId: string, meta: RequestMeta, now: Date): Promise<RefreshOutcome> {
  const row = await tx.refreshToken.findFirst({
    where: { tokenHash: sha256Hex(token) },
    select: {
      id: true, sessionId: true, usedAt: true, expiresAt: true,
      session: { select: { kind: true, revokedAt: true, user: { select: { id: true, status: true, sessionVersion: true } } } },
    },
  });
  if (!row || row.session.kind !== "API") return { refused: "invalid" };
  const { user } = row.session;
  if (row.usedAt) {
    const revoked = await revokeSession(tx, row.sessionId, now);
    await recordSecurityEvent(tx, meta, {
      type: "REFRESH_TOKEN_REUSE", severity: "HIGH", userId: user.id,
      details: { sessionId: row.sessionId, familyRevoked: revoked },
    });
    return { refused: "reuse" };
  }
  if (row.expiresAt <= now || row.session.revokedAt) return { refused: "invalid" };
  if (user.status !== "ACTIVE" || user.sessionVersion !== versionOf(token)) {
    await revokeSession(tx, row.sessionId, now);
    return { refused: "invalid" };
  }
  // The claim is the conditional UPDATE: of two concurrent refreshes with one token, the second
  // waits on the row lock, then finds used_at set and matches nothing.
  const claimed = await tx.refreshToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
  if (claimed.count !== 1) return { refused: "invalid" };
  const refreshToken = await issueRefreshToken(tx, tenantId, row.sessionId, user.sessionVersion, now);
  return { ok: tokens(user, tenantId, row.sessionId, refreshToken) };
}

/** Ends a session (its whole refresh family); true when it was still open. */
export async function revokeSession(tx: Tx, sessionId: string, now = new Date()): Promise<boolean> {
  const { count } = await tx.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
  return count === 1;
}
