import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  decryptField,
  encryptField,
  FieldDecryptionError,
  isEncryptedField,
  keyIdOf,
  needsReencryption,
  reencryptField,
} from "./field-encryption";
import { createKeyring } from "./keyring";

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const ringV1 = createKeyring(new Map([["v1", k1]]), "v1");
const ringV2 = createKeyring(new Map([["v1", k1], ["v2", k2]]), "v2");
const AAD = "tenant-a:patients.cpf:row-1";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof FieldDecryptionError ? error.code : "other";
  }
  return undefined;
}

/** Flips one bit in the n-th ':'-separated part of an envelope. */
function tamper(value: string, part: number): string {
  const parts = value.split(":");
  const bytes = Buffer.from(parts[part] as string, "base64url");
  bytes[0] = (bytes[0] as number) ^ 1;
  parts[part] = bytes.toString("base64url");
  return parts.join(":");
}

describe("encryptField / decryptField", () => {
  it("round-trips text, including accents and the empty string", () => {
    for (const text of ["12345678909", "Observação confidencial: HIV+ 😷", ""]) {
      expect(decryptField(ringV1, encryptField(ringV1, text, AAD), AAD)).toBe(text);
      expect(decryptField(ringV1, encryptField(ringV1, text))).toBe(text);
    }
  });

  it("writes the compact versioned format with a fresh 12-byte IV each time", () => {
    const a = encryptField(ringV1, "12345678909");
    const b = encryptField(ringV1, "12345678909");
    expect(a).toMatch(/^enc:v1:v1:[\w-]{16}:[\w-]+:[\w-]{22}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("12345678909");
  });

  it.each([
    ["iv", 3],
    ["ciphertext", 4],
    ["tag", 5],
  ])("detects a tampered %s", (_label, part) => {
    const value = encryptField(ringV1, "secret", AAD);
    expect(codeOf(() => decryptField(ringV1, tamper(value, part), AAD))).toBe("auth_failed");
  });

  it("refuses a value moved to another row or tenant (wrong AAD)", () => {
    const value = encryptField(ringV1, "12345678909", AAD);
    expect(codeOf(() => decryptField(ringV1, value, "tenant-b:patients.cpf:row-1"))).toBe("auth_failed");
    expect(codeOf(() => decryptField(ringV1, value))).toBe("auth_failed");
    const noAad = encryptField(ringV1, "12345678909");
    expect(codeOf(() => decryptField(ringV1, noAad, AAD))).toBe("auth_failed");
  });

  it("refuses an unknown key id and a relabelled key id", () => {
    const value = encryptField(ringV2, "secret");
    expect(codeOf(() => decryptField(ringV1, value))).toBe("unknown_key");
    const relabelled = value.replace(/^enc:v1:v2:/, "enc:v1:v1:");
    expect(codeOf(() => decryptField(ringV2, relabelled))).toBe("auth_failed");
  });

  it("refuses malformed values without echoing them", () => {
    const good = encryptField(ringV1, "x");
    const bad = ["12345678909", "enc:v1:v1", `${good}:extra`, good.replace("enc:v1", "enc:v9"),
      good.replace(/:[\w-]{16}:/, ":AAAA:"), good.replace(/[\w-]{22}$/, "AAAA"), "enc:v1:v1:a*b:c:d"];
    for (const value of bad) {
      expect(codeOf(() => decryptField(ringV1, value))).toBe("malformed");
      expect(isEncryptedField(value)).toBe(false);
    }
    expect(() => decryptField(ringV1, "12345678909")).toThrow(/^(?!.*12345678909)/);
    expect(isEncryptedField(good)).toBe(true);
  });
});

describe("key rotation", () => {
  it("reads old values, flags them and re-encrypts under the active key", () => {
    const old = encryptField(ringV1, "12345678909", AAD);
    expect(needsReencryption(ringV1, old)).toBe(false);
    expect(needsReencryption(ringV2, old)).toBe(true);
    expect(decryptField(ringV2, old, AAD)).toBe("12345678909");

    const rotated = reencryptField(ringV2, old, AAD);
    expect(keyIdOf(rotated)).toBe("v2");
    expect(needsReencryption(ringV2, rotated)).toBe(false);
    expect(decryptField(ringV2, rotated, AAD)).toBe("12345678909");
  });

  it("does not re-encrypt with a wrong AAD (the job must pass the row's context)", () => {
    const old = encryptField(ringV1, "x", AAD);
    expect(codeOf(() => reencryptField(ringV2, old, "other"))).toBe("auth_failed");
  });

  it("throws on malformed input rather than guessing", () => {
    expect(codeOf(() => needsReencryption(ringV2, "plain text"))).toBe("malformed");
  });
});
