// API token families against the real database as the app role: login opens an API session,
// refresh rotates, a spent token presented again revokes the whole family and leaves a HIGH
// security event, and two concurrent refreshes with one token cannot both succeed.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAccessToken } from "@/lib/api/jwt";
import { disconnectDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request";
import { asOwner, closeOwnerPool, createTenant, createUser, type TestTenant, type TestUser } from "@/lib/testing/factories";
import { loginWithPassword as loginStep, refreshTokens, type ApiTokens } from "./api-tokens";

const meta = (tenant: TestTenant | null): RequestMeta => ({
  tenantSlug: tenant?.slug ?? null, requestId: randomUUID(), ip: "203.0.113.9", userAgent: "vitest api",
});

/** A login expected to answer tokens (the users here have no second factor). */
async function loginWithPassword(...args: Parameters<typeof loginStep>): Promise<ApiTokens> {
  const answer = await loginStep(...args);
  if (!("accessToken" in answer)) throw new Error("expected tokens, got a two-factor challenge");
  return answer;
}

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof AppError ? e.code : e));

let clinic: TestTenant;
let other: TestTenant;
let doctor: TestUser;

beforeAll(async () => {
  // No role must use 2FA here, so the doctor signs in with the password alone (enforcement:
  // api-two-factor.int.test.ts).
  const settings = { security: { twoFactorRequiredRoles: [] } };
  [clinic, other] = await Promise.all([createTenant({ settings }), createTenant({ settings })]);
  doctor = await createUser(clinic, { roles: ["doctor"] });
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

const login = () => loginWithPassword({ email: doctor.email, password: doctor.password }, meta(clinic));

describe("loginWithPassword", () => {
  it("opens an API session with a hashed refresh token and an auth.api_login audit row", async () => {
    const m = meta(clinic);
    const t = await loginWithPassword({ email: doctor.email, password: doctor.password }, m);
    const claims = verifyAccessToken(t.accessToken)!;
    expect(claims).toMatchObject({ sub: doctor.id, tid: clinic.id, sv: 1, aud: "prontivus-api" });
    expect(claims.exp - claims.iat).toBe(900);
    expect(t).toMatchObject({ tokenType: "Bearer", expiresIn: 900 });
    const [session] = await asOwner<{ kind: string; user_id: string; revoked_at: Date | null }>(
      "SELECT kind, user_id, revoked_at FROM user_sessions WHERE id = $1", [claims.sid]);
    expect(session).toEqual({ kind: "API", user_id: doctor.id, revoked_at: null });
    const tokens = await asOwner<{ token_hash: string; used_at: Date | null; days: number }>(
      `SELECT token_hash, used_at, round(extract(epoch FROM expires_at - now()) / 86400)::int AS days
         FROM refresh_tokens WHERE session_id = $1`, [claims.sid]);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.token_hash).not.toContain(t.refreshToken.slice(0, 10));
    expect(tokens[0]).toMatchObject({ used_at: null, days: 30 });
    // authenticate() leaves the same auth.login row as the web form; the API session adds its own.
    const audit = await asOwner("SELECT action, actor_id, entity_id FROM audit_logs WHERE request_id = $1 ORDER BY seq", [m.requestId]);
    expect(audit).toEqual([
      { action: "auth.login", actor_id: doctor.id, entity_id: doctor.id },
      { action: "auth.api_login", actor_id: doctor.id, entity_id: claims.sid },
    ]);
  });

  it("refuses a wrong password and the platform host, with the same error", async () => {
    await expect(refusal(loginWithPassword({ email: doctor.email, password: "errada-123" }, meta(clinic)))).resolves.toBe("unauthorized");
    await expect(refusal(loginWithPassword({ email: doctor.email, password: doctor.password }, meta(null)))).resolves.toBe("unauthorized");
    await expect(refusal(loginWithPassword({ email: doctor.email, password: doctor.password }, meta(other)))).resolves.toBe("unauthorized");
  });

  it("answers an account with two-factor sign-in with a challenge, never tokens", async () => {
    const user = await createUser(clinic, { roles: ["doctor"] });
    await asOwner("UPDATE users SET totp_enabled_at = now() WHERE id = $1", [user.id]);
    const answer = await loginStep({ email: user.email, password: user.password }, meta(clinic));
    expect(answer).toMatchObject({ twoFactorRequired: true, method: "totp", expiresIn: 300 });
    expect(answer).not.toHaveProperty("accessToken");
    const sessions = await asOwner("SELECT id FROM user_sessions WHERE user_id = $1", [user.id]);
    expect(sessions).toEqual([]);
  });
});

describe("refreshTokens", () => {
  it("rotates: the token sent is spent, a new pair comes back for the same session", async () => {
    const first = await login();
    const second = await refreshTokens({ refreshToken: first.refreshToken }, meta(clinic));
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(verifyAccessToken(second.accessToken)!.sid).toBe(verifyAccessToken(first.accessToken)!.sid);
    const third = await refreshTokens({ refreshToken: second.refreshToken }, meta(clinic));
    expect(third.refreshToken).not.toBe(second.refreshToken);
  });

  it("revokes the whole family when a spent token comes back, and records REFRESH_TOKEN_REUSE", async () => {
    const first = await login();
    const sid = verifyAccessToken(first.accessToken)!.sid;
    const second = await refreshTokens({ refreshToken: first.refreshToken }, meta(clinic));
    const m = meta(clinic);
    await expect(refusal(refreshTokens({ refreshToken: first.refreshToken }, m))).resolves.toBe("unauthorized");
    // Even the newest token of the family is now dead.
    await expect(refusal(refreshTokens({ refreshToken: second.refreshToken }, meta(clinic)))).resolves.toBe("unauthorized");
    const [session] = await asOwner<{ revoked_at: Date | null }>("SELECT revoked_at FROM user_sessions WHERE id = $1", [sid]);
    expect(session!.revoked_at).toBeInstanceOf(Date);
    const events = await asOwner("SELECT type, severity, user_id, tenant_id FROM security_events WHERE request_id = $1", [m.requestId]);
    expect(events).toEqual([{ type: "REFRESH_TOKEN_REUSE", severity: "HIGH", user_id: doctor.id, tenant_id: clinic.id }]);
  });

  it("lets exactly one of two concurrent refreshes with the same token succeed", async () => {
    const { refreshToken } = await login();
    const results = await Promise.allSettled([
      refreshTokens({ refreshToken }, meta(clinic)), refreshTokens({ refreshToken }, meta(clinic)),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as AppError).code).toBe("unauthorized");
  });

  it("refuses unknown, expired and other-tenant tokens", async () => {
    const { refreshToken } = await login();
    await expect(refusal(refreshTokens({ refreshToken }, meta(other)))).resolves.toBe("unauthorized");
    await expect(refusal(refreshTokens({ refreshToken: "nao-existe.1" }, meta(clinic)))).resolves.toBe("unauthorized");
    await asOwner("UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE tenant_id = $1 AND used_at IS NULL", [clinic.id]);
    await expect(refusal(refreshTokens({ refreshToken }, meta(clinic)))).resolves.toBe("unauthorized");
  });

  it("ends the family when the user's session version moves on (password reset, deactivation)", async () => {
    const user = await createUser(clinic, { roles: ["secretary"] });
    const t = await loginWithPassword({ email: user.email, password: user.password }, meta(clinic));
    await asOwner("UPDATE users SET session_version = session_version + 1 WHERE id = $1", [user.id]);
    await expect(refusal(refreshTokens({ refreshToken: t.refreshToken }, meta(clinic)))).resolves.toBe("unauthorized");
    const [session] = await asOwner<{ revoked_at: Date | null }>(
      "SELECT revoked_at FROM user_sessions WHERE id = $1", [verifyAccessToken(t.accessToken)!.sid]);
    expect(session!.revoked_at).toBeInstanceOf(Date);
  });
});
