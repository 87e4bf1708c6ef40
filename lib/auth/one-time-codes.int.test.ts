// Codes by e-mail and SMS as a second factor, against the real database as the app role: enrol a
// channel (confirmed by a code sent to it), then sign in with a code read from the "sent"
// message. The clock is injected: expiry, throttling and tries never wait on real time. Mail and
// SMS are the only fakes (recorders in place of the gateways).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { MailMessage } from "@/lib/mail/send";
import type { RequestMeta } from "@/lib/request";
import { asOwner, closeOwnerPool, createTenant, createUser, scopeFor, type TestTenant, type TestUser } from "@/lib/testing/factories";
import { env } from "@/lib/env";
import { OTP_MAX_ATTEMPTS } from "./one-time-codes";
import { beginSignIn } from "./sign-in";
import { issueChallenge } from "./two-factor-challenge";
import { getTwoFactorStatus, startTotpEnrolment } from "./two-factor";
import { resendSignInCode } from "./two-factor-message";
import { confirmOtpEnrolment, startOtpEnrolment } from "./two-factor-otp-enrolment";
import { completeSecondStep } from "./two-factor-sign-in";

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const at = (ms: number) => new Date(T0 + ms);
const meta = (tenant: TestTenant): RequestMeta => ({ tenantSlug: tenant.slug, requestId: randomUUID(), ip: "198.51.100.77", userAgent: "vitest otp" });

function outbox() {
  const mails: MailMessage[] = [];
  const sms: { to: string; text: string }[] = [];
  return {
    mails, sms,
    delivery: { sendMail: async (m: MailMessage) => void mails.push(m), sendSms: async (m: { to: string; text: string }) => void sms.push(m) },
    lastCode: () => /\b(\d{6})\b/.exec((sms.at(-1)?.text ?? "") + (mails.at(-1)?.text ?? ""))![1]!,
  };
}
const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)![1]!;
const wrongFor = (code: string) => (code === "123456" ? "654321" : "123456");
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof AppError ? e.code : e));
const tokens = (userId: string) => asOwner<{ channel: string; purpose: string; code_hash: string; attempts: number; consumed_at: Date | null; expires_at: Date }>(
  "SELECT channel, purpose, code_hash, attempts, consumed_at, expires_at FROM two_factor_tokens WHERE user_id = $1 AND channel <> 'RECOVERY_CODE' ORDER BY created_at", [userId]);

let clinic: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  [clinic, other] = await Promise.all([createTenant(), createTenant()]);
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

/** A user whose second factor is codes by e-mail, enrolled through the real functions. */
async function emailUser(now = 0): Promise<TestUser> {
  const user = await createUser(clinic, { roles: ["doctor"] });
  const ctx = scopeFor(clinic, user, ["doctor"]);
  const box = outbox();
  await startOtpEnrolment(ctx, { channel: "EMAIL" }, { now: at(now), delivery: box.delivery });
  await confirmOtpEnrolment(ctx, { channel: "EMAIL", code: codeIn(box.mails[0]!.text) }, { now: at(now + 1000) });
  return user;
}

/** The password step: a challenge, and the code the e-mail carried. */
async function passwordStep(user: TestUser, ms: number) {
  const box = outbox();
  const step = await beginSignIn({ email: user.email, password: user.password }, meta(clinic), { now: () => at(ms), delivery: box.delivery });
  if (step?.kind !== "two_factor") throw new Error(`expected a challenge, got ${step?.kind}`);
  return { step, code: box.mails.length ? codeIn(box.mails[0]!.text) : null, box };
}

describe("enrolling codes by e-mail or SMS", () => {
  it("turns e-mail codes on only after the mailed code comes back, and issues recovery codes", async () => {
    const user = await createUser(clinic, { roles: ["secretary"] });
    const ctx = scopeFor(clinic, user, ["secretary"]);
    const box = outbox();
    const { destination } = await startOtpEnrolment(ctx, { channel: "EMAIL" }, { now: at(0), delivery: box.delivery });
    expect(destination).toMatch(/^u\*\*\*@example\.test$/);
    expect(box.mails).toHaveLength(1);
    expect(box.mails[0]).toMatchObject({ to: user.email, subject: `Código de verificação — ${clinic.name}` });
    expect(await getTwoFactorStatus(ctx)).toMatchObject({ enabled: false, method: null });

    // A wrong code: refused, on record, nothing else changed.
    const m = meta(clinic);
    await expect(confirmOtpEnrolment({ ...ctx, requestId: m.requestId }, { channel: "EMAIL", code: wrongFor(codeIn(box.mails[0]!.text)) }, { now: at(1000) }))
      .rejects.toMatchObject({ code: "validation", fields: { code: ["Código inválido ou expirado."] } });
    expect(await asOwner("SELECT type FROM security_events WHERE request_id = $1", [m.requestId])).toEqual([{ type: "TWO_FACTOR_FAILED" }]);
    expect(await getTwoFactorStatus(ctx)).toMatchObject({ enabled: false });

    const { recoveryCodes } = await confirmOtpEnrolment(ctx, { channel: "EMAIL", code: codeIn(box.mails[0]!.text) }, { now: at(2000) });
    expect(recoveryCodes).toHaveLength(10);
    expect(await getTwoFactorStatus(ctx)).toMatchObject({ enabled: true, method: "email", recoveryCodesLeft: 10 });
  });

  it("binds an SMS code to the number it was sent to, and saves the number on confirmation", async () => {
    const user = await createUser(clinic, { roles: ["doctor"] });
    const ctx = scopeFor(clinic, user, ["doctor"]);
    const box = outbox();
    await startOtpEnrolment(ctx, { channel: "SMS", phone: "11987654321" }, { now: at(0), delivery: box.delivery });
    expect(box.sms).toEqual([{ to: "11987654321", text: expect.stringContaining(clinic.name) }]);
    const code = box.lastCode();
    await expect(confirmOtpEnrolment(ctx, { channel: "SMS", phone: "11912345678", code }, { now: at(1000) })).rejects.toMatchObject({ code: "validation" });
    await confirmOtpEnrolment(ctx, { channel: "SMS", phone: "11987654321", code }, { now: at(2000) });
    const [row] = await asOwner("SELECT phone, otp_channel FROM users WHERE id = $1", [user.id]);
    expect(row).toEqual({ phone: "11987654321", otp_channel: "SMS" });
  });

  it("refuses a second method: a TOTP user cannot add e-mail codes", async () => {
    const user = await createUser(clinic, { roles: ["doctor"] });
    const ctx = scopeFor(clinic, user, ["doctor"]);
    await startTotpEnrolment(ctx);
    await asOwner("UPDATE users SET totp_enabled_at = now() WHERE id = $1", [user.id]);
    await expect(refusal(startOtpEnrolment(ctx, { channel: "EMAIL" }, { now: at(0), delivery: outbox().delivery }))).resolves.toBe("conflict");
    expect(await tokens(user.id)).toEqual([]);
  });
});

describe("signing in with a code by e-mail", () => {
  it("sends a code at the password step, stores only its keyed hash, and accepts it once", async () => {
    const user = await emailUser();
    const { step, code, box } = await passwordStep(user, 120_000);
    expect(step).toMatchObject({ method: "email", destination: expect.stringContaining("***@") });
    expect(box.mails[0]!.to).toBe(user.email);
    const live = (await tokens(user.id)).filter((t) => t.purpose === "sign_in");
    expect(live).toHaveLength(1);
    expect(live[0]!.code_hash).not.toContain(code!);
    expect(live[0]!.code_hash.length).toBeGreaterThanOrEqual(40);
    expect(live[0]!.expires_at.getTime()).toBe(T0 + 120_000 + 10 * 60_000);

    const first = await completeSecondStep({ challenge: step.challenge, code: code! }, meta(clinic), { now: () => at(130_000) });
    expect(first).toMatchObject({ ok: true, user: { id: user.id, tenantId: clinic.id } });
    const again = await completeSecondStep({ challenge: step.challenge, code: code! }, meta(clinic), { now: () => at(140_000) });
    expect(again).toEqual({ ok: false, reason: "invalid" });
  });

  it("lets a code expire after 10 minutes", async () => {
    const [a, b] = await Promise.all([emailUser(), emailUser()]);
    const cases: [TestUser, number, boolean][] = [[a, 10 * 60_000 - 1, true], [b, 10 * 60_000 + 1, false]];
    for (const [user, age, accepted] of cases) {
      const { code } = await passwordStep(user, 60_000);
      // A challenge lives 5 minutes, less than a code: a late code comes with a fresh challenge.
      const challenge = issueChallenge(env().NEXTAUTH_SECRET, { userId: user.id, tenantId: clinic.id, sessionVersion: 1 }, T0 + 60_000 + age - 1000);
      const result = await completeSecondStep({ challenge, code: code! }, meta(clinic), { now: () => at(60_000 + age) });
      expect(result.ok).toBe(accepted);
    }
  });

  it("voids a code after 5 wrong tries, counts each toward lockout, and logs TWO_FACTOR_FAILED", async () => {
    const user = await emailUser();
    const { step, code } = await passwordStep(user, 60_000);
    const wrong = wrongFor(code!);
    for (let i = 0; i < OTP_MAX_ATTEMPTS; i++) {
      expect(await completeSecondStep({ challenge: step.challenge, code: wrong }, meta(clinic), { now: () => at(61_000 + i) })).toEqual({ ok: false, reason: "invalid" });
    }
    // Past the lockout delay that five failures impose, the right code is still refused: it is void.
    expect(await completeSecondStep({ challenge: step.challenge, code: code! }, meta(clinic), { now: () => at(70_000) })).toEqual({ ok: false, reason: "invalid" });
    const [token] = (await tokens(user.id)).filter((t) => t.purpose === "sign_in");
    expect(token).toMatchObject({ attempts: OTP_MAX_ATTEMPTS, consumed_at: expect.any(Date) });
    const failed = await asOwner("SELECT count(*)::int AS n FROM security_events WHERE user_id = $1 AND type = 'TWO_FACTOR_FAILED'", [user.id]);
    expect(failed).toEqual([{ n: OTP_MAX_ATTEMPTS + 1 }]);
    const [row] = await asOwner<{ failed_login_count: number }>("SELECT failed_login_count FROM users WHERE id = $1", [user.id]);
    expect(row!.failed_login_count).toBe(OTP_MAX_ATTEMPTS + 1);
  });

  it("throttles resending, and a resent code voids the previous one", async () => {
    const user = await emailUser();
    const { step, code } = await passwordStep(user, 60_000);
    const box = outbox();
    await expect(refusal(resendSignInCode(step.challenge, meta(clinic), { ...box.delivery, now: () => at(90_000) }))).resolves.toBe("rate_limited");
    expect(box.mails).toHaveLength(0);
    await resendSignInCode(step.challenge, meta(clinic), { ...box.delivery, now: () => at(121_000) });
    const fresh = codeIn(box.mails[0]!.text);
    if (fresh !== code) {
      expect(await completeSecondStep({ challenge: step.challenge, code: code! }, meta(clinic), { now: () => at(122_000) })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await completeSecondStep({ challenge: step.challenge, code: fresh }, meta(clinic), { now: () => at(123_000) })).toMatchObject({ ok: true });
  });

  it("still answers the challenge when the mail cannot be sent, and records why", async () => {
    const user = await emailUser();
    const m = meta(clinic);
    const failing = { sendMail: async () => { throw new Error("SMTP down"); }, sendSms: async () => {} };
    const step = await beginSignIn({ email: user.email, password: user.password }, m, { now: () => at(60_000), delivery: failing });
    expect(step).toMatchObject({ kind: "two_factor", method: "email" });
    const events = await asOwner("SELECT type, details->>'reason' AS reason FROM security_events WHERE request_id = $1", [m.requestId]);
    expect(events).toEqual([{ type: "TWO_FACTOR_FAILED", reason: "delivery_failed" }]);
  });

  it("is worth nothing on another clinic's host", async () => {
    const user = await emailUser();
    const { step, code } = await passwordStep(user, 60_000);
    expect(await completeSecondStep({ challenge: step.challenge, code: code! }, meta(other), { now: () => at(61_000) })).toEqual({ ok: false, reason: "challenge" });
    await expect(refusal(resendSignInCode(step.challenge, meta(other), { ...outbox().delivery, now: () => at(200_000) }))).resolves.toBe("unauthorized");
    // Still good at home: the refusal elsewhere spent nothing.
    expect(await completeSecondStep({ challenge: step.challenge, code: code! }, meta(clinic), { now: () => at(62_000) })).toMatchObject({ ok: true });
  });
});
