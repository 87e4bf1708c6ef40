import { describe, expect, it } from "vitest";
import { maskDestination, otpMail, otpSms } from "./two-factor-delivery";
import { methodOf, mustEnrol, requiresSecondFactor } from "./two-factor-policy";
import { decodePrompt, encodePrompt } from "./two-factor-protocol";

const none = { totpEnabledAt: null, otpChannel: null, otpEnabledAt: null };

describe("two-factor policy", () => {
  it("requires a factor from admin and doctor by default, and follows the clinic's list", () => {
    expect(requiresSecondFactor({}, ["doctor"])).toBe(true);
    expect(requiresSecondFactor(null, ["admin", "secretary"])).toBe(true);
    expect(requiresSecondFactor({}, ["secretary", "finance", "patient"])).toBe(false);
    expect(requiresSecondFactor({ security: { twoFactorRequiredRoles: [] } }, ["admin"])).toBe(false);
    expect(requiresSecondFactor({ security: { twoFactorRequiredRoles: ["finance"] } }, ["finance"])).toBe(true);
  });

  it("names the active method; a pending channel (no enabled_at) is no method", () => {
    expect(methodOf(none)).toBeNull();
    expect(methodOf({ ...none, totpEnabledAt: new Date() })).toBe("totp");
    expect(methodOf({ ...none, otpChannel: "SMS", otpEnabledAt: new Date() })).toBe("sms");
    expect(methodOf({ ...none, otpChannel: "EMAIL", otpEnabledAt: null })).toBeNull();
    expect(mustEnrol({}, ["doctor"], none)).toBe(true);
    expect(mustEnrol({}, ["doctor"], { ...none, otpChannel: "EMAIL", otpEnabledAt: new Date() })).toBe(false);
  });
});

describe("two-factor prompt protocol", () => {
  it("round-trips a prompt through the error string and rejects anything else", () => {
    const prompt = { challenge: "abc.def", method: "email" as const, destination: "a***@x.test" };
    expect(decodePrompt(encodePrompt(prompt))).toEqual(prompt);
    expect(decodePrompt("CredentialsSignin")).toBeNull();
    expect(decodePrompt('two_factor:{"challenge":"x","method":"carrier-pigeon"}')).toBeNull();
    expect(decodePrompt("two_factor:not json")).toBeNull();
  });
});

describe("code messages", () => {
  it("masks destinations and names the clinic, the code and its 10 minutes", () => {
    expect(maskDestination("EMAIL", "ana.souza@clinica.com.br")).toBe("a***@clinica.com.br");
    expect(maskDestination("SMS", "11987654321")).toBe("(**) *****-4321");
    const mail = otpMail({ to: "a@b.test", clinicName: "Clínica <Demo>", code: "012345", purpose: "sign_in" });
    expect(mail.subject).toBe("Código de verificação — Clínica <Demo>");
    expect(mail.text).toContain("012345");
    expect(mail.html).toContain("Clínica &lt;Demo&gt;");
    expect(otpSms({ clinicName: "Clínica Demo", code: "012345" })).toMatch(/^Clínica Demo: .*012345.*10 minutos/);
  });
});
