// Optional TOTP for platform super admins, against the real database as the app role (platform
// mode): enrol, sign in on the root host in two steps, a replayed code refused, and a platform
// challenge worth nothing on a clinic's host.
import { randomUUID } from "node:crypto";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlatformContext } from "@/lib/auth/session";
import { beginSignIn } from "@/lib/auth/sign-in";
import { completeSecondStep } from "@/lib/auth/two-factor-sign-in";
import { disconnectDb } from "@/lib/db/client";
import type { RequestMeta } from "@/lib/request";
import { asOwner, closeOwnerPool, createPlatformUser, createTenant, type TestTenant } from "@/lib/testing/factories";
import { confirmPlatformTotp, disablePlatformTotp, getPlatformTwoFactorStatus, startPlatformTotp } from "./two-factor";

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const at = (ms: number) => () => new Date(T0 + ms);
const code = (secret: string, ms: number) => generate({ secret, epoch: Math.floor((T0 + ms) / 1000) });
const meta = (tenant: TestTenant | null = null): RequestMeta => ({ tenantSlug: tenant?.slug ?? null, requestId: randomUUID(), ip: "198.51.100.90", userAgent: "vitest platform 2fa" });

const PASSWORD = "Plataforma-segura-2026";
let root: { id: string; email: string; name: string };
let ctx: PlatformContext;
let clinic: TestTenant;

beforeAll(async () => {
  clinic = await createTenant();
  const { id, email, name } = await createPlatformUser({ password: PASSWORD, name: "Raiz de Teste" });
  root = { id, email, name };
  ctx = {
    tenantId: null, tenantSlug: null, timeZone: "America/Sao_Paulo", user: root, roles: ["super_admin"],
    permissions: new Set(["platform:manage"]), requestId: randomUUID(), ip: "127.0.0.1", userAgent: "vitest",
  };
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

describe("platform TOTP", () => {
  let secret: string;

  it("is off by default: the password alone signs a super admin in", async () => {
    expect(await getPlatformTwoFactorStatus(ctx)).toEqual({ enabled: false });
    const step = await beginSignIn({ email: root.email, password: PASSWORD }, meta(), { now: at(0) });
    expect(step).toMatchObject({ kind: "session", user: { id: root.id, kind: "platform", tenantId: null } });
  });

  it("enrols with a first valid code; a wrong one is refused and logged", async () => {
    ({ secret } = await startPlatformTotp(ctx));
    const [sealed] = await asOwner<{ totp_secret_enc: string }>("SELECT totp_secret_enc FROM platform_users WHERE id = $1", [root.id]);
    expect(sealed!.totp_secret_enc).toMatch(/^enc:/);
    await expect(confirmPlatformTotp(ctx, "000000", new Date(T0))).rejects.toMatchObject({ code: "validation" });
    expect(await asOwner("SELECT type FROM platform_security_events WHERE user_id = $1", [root.id])).toEqual([{ type: "TWO_FACTOR_FAILED" }]);
    await confirmPlatformTotp(ctx, await code(secret, 0), new Date(T0));
    expect(await getPlatformTwoFactorStatus(ctx)).toEqual({ enabled: true });
  });

  it("signs in in two steps on the root host; a replayed code is refused; a clinic host refuses the challenge", async () => {
    const step = await beginSignIn({ email: root.email, password: PASSWORD }, meta(), { now: at(60_000) });
    if (step?.kind !== "two_factor") throw new Error("expected a challenge");
    expect(step.method).toBe("totp");
    const typed = await code(secret, 60_000);
    expect(await completeSecondStep({ challenge: step.challenge, code: typed }, meta(clinic), { now: at(61_000) })).toEqual({ ok: false, reason: "challenge" });
    expect(await completeSecondStep({ challenge: step.challenge, code: "abcde-fghjk" }, meta(), { now: at(61_000) })).toEqual({ ok: false, reason: "invalid" });
    expect(await completeSecondStep({ challenge: step.challenge, code: typed }, meta(), { now: at(62_000) }))
      .toMatchObject({ ok: true, user: { id: root.id, kind: "platform", tenantId: null, tenantSlug: null } });
    expect(await completeSecondStep({ challenge: step.challenge, code: typed }, meta(), { now: at(63_000) })).toEqual({ ok: false, reason: "replay" });
    const events = await asOwner<{ type: string }>("SELECT type FROM platform_security_events WHERE user_id = $1 ORDER BY created_at", [root.id]);
    expect(events.map((e) => e.type)).toEqual(["TWO_FACTOR_FAILED", "TWO_FACTOR_FAILED", "TWO_FACTOR_REPLAY"]);
  });

  it("turns off only with the current password, ending the account's sessions", async () => {
    await expect(disablePlatformTotp(ctx, "errada")).rejects.toMatchObject({ code: "validation" });
    await disablePlatformTotp(ctx, PASSWORD);
    const [row] = await asOwner<{ totp_enabled_at: Date | null; session_version: number }>("SELECT totp_enabled_at, session_version FROM platform_users WHERE id = $1", [root.id]);
    expect(row).toEqual({ totp_enabled_at: null, session_version: 2 });
  });
});
