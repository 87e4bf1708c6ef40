import { generate, generateSecret } from "otplib";
import { describe, expect, it } from "vitest";
import { CHALLENGE_TTL_MS, issueChallenge, readChallenge } from "./two-factor-challenge";
import { checkTotp, classifySecondFactor, newRecoveryCodes, normalizeRecoveryCode, totpUri } from "./two-factor-totp";

const T0 = 1_800_000_000_000; // ms, on a step boundary (divisible by 30 s)
const code = (secret: string, ms: number) => generate({ secret, epoch: Math.floor(ms / 1000) });

describe("checkTotp", () => {
  const secret = generateSecret();

  it("accepts the current code and returns its step", async () => {
    expect(await checkTotp(secret, await code(secret, T0), null, T0)).toEqual({ ok: true, step: T0 / 30_000 });
  });

  it("tolerates one step of drift either way, not two", async () => {
    expect((await checkTotp(secret, await code(secret, T0 - 30_000), null, T0)).ok).toBe(true);
    expect((await checkTotp(secret, await code(secret, T0 + 30_000), null, T0)).ok).toBe(true);
    expect(await checkTotp(secret, await code(secret, T0 - 60_000), null, T0)).toEqual({ ok: false, reason: "invalid" });
  });

  it("calls a valid code of an already used (or older) step a replay", async () => {
    const step = T0 / 30_000;
    expect(await checkTotp(secret, await code(secret, T0), step, T0)).toEqual({ ok: false, reason: "replay" });
    expect(await checkTotp(secret, await code(secret, T0 - 30_000), step, T0)).toEqual({ ok: false, reason: "replay" });
    expect((await checkTotp(secret, await code(secret, T0 + 30_000), step, T0)).ok).toBe(true);
  });

  it("refuses malformed input and another secret's code", async () => {
    expect((await checkTotp(secret, "12345", null, T0)).ok).toBe(false);
    expect((await checkTotp(secret, "abcdef", null, T0)).ok).toBe(false);
    expect((await checkTotp(generateSecret(), await code(secret, T0), null, T0)).ok).toBe(false);
  });
});

describe("recovery codes", () => {
  it("makes ten distinct codes that survive normalisation", () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(normalizeRecoveryCode(` ${c.toUpperCase()} `)).toBe(c.replace("-", ""));
  });

  it("tells a TOTP code from a recovery code", () => {
    expect(classifySecondFactor("123 456")).toEqual({ kind: "totp", code: "123456" });
    expect(classifySecondFactor("ABCDE-23456")).toEqual({ kind: "recovery", code: "abcde23456" });
    expect(classifySecondFactor("12")).toBeNull();
  });
});

describe("sign-in challenge", () => {
  const key = "k".repeat(40);
  const claims = { userId: "u1", tenantId: "t1", sessionVersion: 3 };

  it("round-trips until it expires", () => {
    const token = issueChallenge(key, claims, T0);
    expect(readChallenge(key, token, T0 + 1000)).toEqual({ ...claims, expiresAt: T0 + CHALLENGE_TTL_MS });
    expect(readChallenge(key, token, T0 + CHALLENGE_TTL_MS)).toBeNull();
  });

  it("refuses another key, a tampered body and junk", () => {
    const token = issueChallenge(key, claims, T0);
    expect(readChallenge("x".repeat(40), token, T0)).toBeNull();
    const [body, mac] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, "base64url").toString()), u: "u2" })).toString("base64url");
    expect(readChallenge(key, `${forged}.${mac}`, T0)).toBeNull();
    expect(readChallenge(key, "nope", T0)).toBeNull();
    expect(readChallenge(key, 42, T0)).toBeNull();
  });
});

it("labels the authenticator entry with issuer, clinic and e-mail", () => {
  expect(totpUri("JBSWY3DPEHPK3PXPJBSWY3DP", "Clínica Demo", "a@b.c")).toMatch(/^otpauth:\/\/totp\/Prontivus:Cl%C3%ADnica%20Demo:a%40b\.c\?.*issuer=Prontivus/);
});
