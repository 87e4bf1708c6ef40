import { describe, expect, it } from "vitest";
import { randomToken, sha256Hex, timingSafeEqualStr } from "./tokens";

describe("randomToken", () => {
  it("is base64url of the requested size and unique", () => {
    const t = randomToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(t, "base64url")).toHaveLength(32);
    expect(randomToken(16)).toHaveLength(22);
    expect(new Set(Array.from({ length: 1000 }, () => randomToken())).size).toBe(1000);
  });

  it("refuses weak or absurd sizes", () => {
    for (const n of [0, 8, 15, 1.5, 2048]) expect(() => randomToken(n)).toThrow(RangeError);
  });
});

describe("sha256Hex", () => {
  it("matches the FIPS 180-2 test vector", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("timingSafeEqualStr", () => {
  it("compares strings of any length without throwing", () => {
    expect(timingSafeEqualStr("token", "token")).toBe(true);
    expect(timingSafeEqualStr("token", "tokem")).toBe(false);
    expect(timingSafeEqualStr("token", "token-longer")).toBe(false);
    expect(timingSafeEqualStr("", "")).toBe(true);
    expect(timingSafeEqualStr("ação", "acao")).toBe(false);
  });
});
