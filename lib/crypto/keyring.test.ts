import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createKeyring, generateKeyEntry, KeyringError, parseKeyring, parseSecretKey } from "./keyring";

const k1 = randomBytes(32);
const k2 = randomBytes(32);

describe("parseKeyring", () => {
  it("reads several versioned keys and the active id", () => {
    const ring = parseKeyring(`v1:${k1.toString("base64")}, v2:${k2.toString("base64url")}`, "v2");
    expect(ring.activeKeyId).toBe("v2");
    expect(ring.keys.get("v1")?.equals(k1)).toBe(true);
    expect(ring.keys.get("v2")?.equals(k2)).toBe(true);
  });

  it("round-trips generateKeyEntry", () => {
    const ring = parseKeyring(generateKeyEntry("2026a"), "2026a");
    expect(ring.keys.get("2026a")).toHaveLength(32);
  });

  it.each([
    ["empty", ""],
    ["no id", `:${k1.toString("base64")}`],
    ["no separator", k1.toString("base64")],
    ["bad id", `v 1:${k1.toString("base64")}`],
    ["short key", `v1:${randomBytes(16).toString("base64")}`],
    ["not base64", "v1:!!!!"],
    ["duplicate id", `v1:${k1.toString("base64")},v1:${k2.toString("base64")}`],
  ])("rejects %s", (_label, spec) => {
    expect(() => parseKeyring(spec, "v1")).toThrow(KeyringError);
  });

  it("rejects an active id that is not in the list", () => {
    expect(() => parseKeyring(`v1:${k1.toString("base64")}`, "v2")).toThrow(/active key id "v2"/);
  });

  it("never echoes key material in errors", () => {
    const short = randomBytes(31).toString("base64");
    try {
      parseKeyring(`v1:${short}`, "v1");
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain(short);
    }
  });
});

describe("createKeyring / parseSecretKey", () => {
  it("copies the map so later mutation cannot change the ring", () => {
    const keys = new Map([["a", k1]]);
    const ring = createKeyring(keys, "a");
    keys.set("b", k2);
    expect(ring.keys.has("b")).toBe(false);
  });

  it("decodes a single 32-byte key and rejects other sizes", () => {
    expect(parseSecretKey(k1.toString("base64url")).equals(k1)).toBe(true);
    expect(() => parseSecretKey(randomBytes(33).toString("base64"), "BLIND_INDEX_KEY")).toThrow(
      /BLIND_INDEX_KEY must decode to 32 bytes/,
    );
  });
});
