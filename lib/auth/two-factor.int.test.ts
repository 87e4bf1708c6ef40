// TOTP end to end against the real database as the app role: enrol, confirm, sign in in two
// steps, refuse a replayed code, accept a recovery code once, disable with the password.
import { randomUUID } from "node:crypto";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import type { RequestMeta } from "@/lib/request";
import { asOwner, closeOwnerPool, createTenant, createUser, scopeFor, type TestTenant, type TestUser } from "@/lib/testing/factories";
import { authenticate, beginSignIn } from "./sign-in";
import { confirmTotpEnrolment, disableTwoFactor, getTwoFactorStatus, startTotpEnrolment } from "./two-factor";
import { completeSignIn } from "./two-factor-sign-in";

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0); // on a 30 s step boundary
const at = (ms: number) => () => new Date(T0 + ms);
const code = (secret: string, ms: number) => generate({ secret, epoch: Math.floor((T0 + ms) / 1000) });
const meta = (tenant: TestTenant, ip = "198.51.100.20"): RequestMeta => ({ tenantSlug: tenant.slug, requestId: randomUUID(), ip, userAgent: "vitest 2fa" });
const events = (tenant: TestTenant, m: RequestMeta) =>
  asOwner<{ type: string }>("SELECT type FROM security_events WHERE tenant_id = $1 AND request_id = $2", [tenant.id, m.requestId]);
const userRow = async (id: string) =>
  (await asOwner<{ session_version: number; totp_enabled_at: Date | null; totp_secret_enc: string | null; failed_login_count: number }>(
    "SELECT session_version, totp_enabled_at, totp_secret_enc, failed_login_count FROM users WHERE id = $1", [id]))[0]!;

let clinic: TestTenant;
let doctor: TestUser;
let secret: string;
let recovery: string[];

/** Step 1 then step 2, as the login form does. */
async function twoStep(codeTyped: string, ms: number, m = meta(clinic)) {
  const step = await beginSignIn({ email: doctor.email, password: doctor.password }, meta(clinic), { now: at(ms) });
  if (step?.kind !== "two_factor") throw new Error(`expected a challenge, got ${step?.kind}`);
  return completeSignIn({ challenge: step.challenge, code: codeTyped }, m, { now: at(ms) });
}

beforeAll(async () => {
  clinic = await createTenant();
  doctor = await createUser(clinic, { roles: ["doctor"] });
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

describe("two-factor authentication", () => {
  it("enrols: a pending secret is ignored by sign-in until a code confirms it", async () => {
    const ctx = scopeFor(clinic, doctor, ["doctor"]);
    const enrolment = await startTotpEnrolment(ctx);
    secret = enrolment.secret;
    expect(enrolment.uri).toContain("issuer=Prontivus");
    expect(enrolment.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect((await userRow(doctor.id)).totp_secret_enc).toMatch(/^enc:v1:/);
    expect(await authenticate({ email: doctor.email, password: doctor.password }, meta(clinic))).not.toBeNull();

    await expect(confirmTotpEnrolment(ctx, "000000", new Date(T0))).rejects.toMatchObject({ code: "validation" });
    ({ recoveryCodes: recovery } = await confirmTotpEnrolment(ctx, await code(secret, 0), new Date(T0)));
    expect(recovery).toHaveLength(10);
    expect(await getTwoFactorStatus(ctx)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    const audit = await asOwner<{ action: string }>("SELECT action FROM audit_logs WHERE tenant_id = $1 AND entity_id = $2 ORDER BY seq", [clinic.id, doctor.id]);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["user.two_factor_enrolment_started", "user.two_factor_enabled"]));
  });

  it("no longer gives a session for the password alone", async () => {
    expect(await authenticate({ email: doctor.email, password: doctor.password }, meta(clinic), { now: at(30_000) })).toBeNull();
    const step = await beginSignIn({ email: doctor.email, password: doctor.password }, meta(clinic), { now: at(30_000) });
    expect(step).toMatchObject({ kind: "two_factor", challenge: expect.any(String) });
  });

  it("signs in with the right code, then refuses the same code (replay)", async () => {
    const typed = await code(secret, 60_000);
    const user = await twoStep(typed, 60_000);
    expect(user).toMatchObject({ id: doctor.id, tenantId: clinic.id, sessionVersion: 1 });

    const m = meta(clinic);
    expect(await twoStep(typed, 65_000, m)).toBeNull();
    expect((await events(clinic, m)).map((e) => e.type)).toEqual(["TWO_FACTOR_REPLAY"]);
    expect((await userRow(doctor.id)).failed_login_count).toBe(1);
  });

  it("refuses a wrong code with TWO_FACTOR_FAILED", async () => {
    const m = meta(clinic);
    expect(await twoStep("123456", 90_000, m)).toBeNull();
    expect((await events(clinic, m)).map((e) => e.type)).toEqual(["TWO_FACTOR_FAILED"]);
  });

  it("accepts a recovery code once, and a good sign-in resets the failure count", async () => {
    expect(await twoStep(recovery[0]!.toUpperCase(), 120_000)).toMatchObject({ id: doctor.id });
    expect((await userRow(doctor.id)).failed_login_count).toBe(0);
    const m = meta(clinic);
    expect(await twoStep(recovery[0]!, 150_000, m)).toBeNull();
    expect((await events(clinic, m)).map((e) => e.type)).toEqual(["TWO_FACTOR_FAILED"]);
    expect(await getTwoFactorStatus(scopeFor(clinic, doctor, ["doctor"]))).toMatchObject({ recoveryCodesLeft: 9 });
  });

  it("refuses a forged or foreign challenge", async () => {
    expect(await completeSignIn({ challenge: "x.y", code: await code(secret, 180_000) }, meta(clinic), { now: at(180_000) })).toBeNull();
    const other = await createTenant();
    const step = await beginSignIn({ email: doctor.email, password: doctor.password }, meta(clinic), { now: at(180_000) });
    if (step?.kind !== "two_factor") throw new Error("expected a challenge");
    expect(await completeSignIn({ challenge: step.challenge, code: await code(secret, 180_000) }, meta(other), { now: at(180_000) })).toBeNull();
  });

  it("disables only with the current password, ending every session", async () => {
    const ctx = scopeFor(clinic, doctor, ["doctor"]);
    await expect(disableTwoFactor(ctx, "senha-errada-1")).rejects.toMatchObject({ code: "validation" });
    expect((await userRow(doctor.id)).totp_enabled_at).not.toBeNull();

    await disableTwoFactor(ctx, doctor.password);
    const row = await userRow(doctor.id);
    expect(row).toMatchObject({ session_version: 2, totp_enabled_at: null, totp_secret_enc: null });
    expect(await getTwoFactorStatus(ctx)).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    const [{ n }] = await asOwner<{ n: number }>(
      "SELECT count(*)::int AS n FROM two_factor_tokens WHERE user_id = $1 AND consumed_at IS NULL", [doctor.id]) as [{ n: number }];
    expect(n).toBe(0);
    expect(await authenticate({ email: doctor.email, password: doctor.password }, meta(clinic), { now: at(600_000) })).toMatchObject({ sessionVersion: 2 });
  });
});
