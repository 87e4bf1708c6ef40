import { hash as argonHash } from "argon2";
import { describe, expect, it } from "vitest";
import {
  getDummyHash,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  passwordNeedsRehash,
  verifyPassword,
  verifyPasswordOrDummy,
} from "./password";

describe("hashPassword / verifyPassword", () => {
  it("hashes with argon2id at the OWASP parameters and verifies", async () => {
    const hash = await hashPassword("correct horse battery staple");
    // PHC string, e.g. $argon2id$v=19$m=19456,p=1,t=2$<salt>$<hash> (parameter order varies).
    const [, id, version, params] = hash.split("$");
    expect([id, version]).toEqual(["argon2id", "v=19"]);
    expect(params?.split(",").sort()).toEqual(["m=19456", "p=1", "t=2"]);
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery stapler")).toBe(false);
    expect(await hashPassword("same")).not.toBe(await hashPassword("same")); // salted
  });

  it("returns false, never throws, on malformed or foreign hashes", async () => {
    const bad = ["", "!", "$argon2id$", "$argon2id$v=19$m=19456,t=2,p=1$bad$bad",
      "$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234", "x".repeat(5000)];
    for (const hash of bad) expect(await verifyPassword(hash, "pw")).toBe(false);
    expect(await verifyPassword(null as unknown as string, "pw")).toBe(false);
  });

  it("bounds password length", async () => {
    await expect(hashPassword("")).rejects.toThrow(RangeError);
    await expect(hashPassword("x".repeat(MAX_PASSWORD_LENGTH + 1))).rejects.toThrow(RangeError);
    const hash = await hashPassword("x".repeat(MAX_PASSWORD_LENGTH));
    expect(await verifyPassword(hash, "x".repeat(MAX_PASSWORD_LENGTH + 1))).toBe(false);
  });

  it("flags hashes made with older parameters for rehash", async () => {
    expect(passwordNeedsRehash(await hashPassword("pw"))).toBe(false);
    const weak = await argonHash("pw", { memoryCost: 4096, timeCost: 3, parallelism: 1 });
    expect(passwordNeedsRehash(weak)).toBe(true);
    expect(await verifyPassword(weak, "pw")).toBe(true); // old hashes keep working
    expect(passwordNeedsRehash("not a hash")).toBe(true);
  });
});

describe("dummy hash for unknown users", () => {
  it("is computed once with the current parameters", async () => {
    const first = await getDummyHash();
    expect(await getDummyHash()).toBe(first);
    expect(passwordNeedsRehash(first)).toBe(false);
  });

  it("verifyPasswordOrDummy is false without a hash and real with one", async () => {
    const hash = await hashPassword("pw");
    expect(await verifyPasswordOrDummy(hash, "pw")).toBe(true);
    expect(await verifyPasswordOrDummy(null, "pw")).toBe(false);
    expect(await verifyPasswordOrDummy("!disabled", "pw")).toBe(false);
  });

  it("takes about as long for an unknown user as for a wrong password", async () => {
    const hash = await hashPassword("pw");
    await getDummyHash();
    const known = await median(() => verifyPasswordOrDummy(hash, "wrong"));
    const unknown = await median(() => verifyPasswordOrDummy(undefined, "wrong"));
    const hashing = await median(() => hashPassword("pw"));
    console.info(`argon2id m=19456 t=2 p=1: verify ${known.toFixed(1)} ms, ` +
      `unknown-user ${unknown.toFixed(1)} ms, hash ${hashing.toFixed(1)} ms (median of 9)`);
    expect(unknown).toBeGreaterThan(known * 0.5);
    expect(unknown).toBeLessThan(known * 2);
  });
});

async function median(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[4] as number;
}
