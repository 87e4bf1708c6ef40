import { createHmac, hkdfSync } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { testSecrets } from "@/lib/testing/test-env";
import { signAccessToken, verifyAccessToken } from "./jwt";

const claims = {
  sub: "0199a1b2-0000-7000-8000-000000000001", tid: "0199a1b2-0000-7000-8000-000000000002",
  sid: "0199a1b2-0000-7000-8000-000000000003", sv: 3,
};
const now = 1_800_000_000;
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

beforeAll(() => {
  Object.assign(process.env, testSecrets());
  resetEnvCache();
});

describe("API access tokens", () => {
  it("round-trips the claims with aud and a 15-minute expiry", () => {
    expect(verifyAccessToken(signAccessToken(claims, now), now + 899)).toEqual({ ...claims, aud: "prontivus-api", iat: now, exp: now + 900 });
    expect(verifyAccessToken(signAccessToken(claims, now), now + 900)).toBeNull();
  });

  it("refuses a changed payload, a cut signature and garbage", () => {
    const [h, , s] = signAccessToken(claims, now).split(".");
    expect(verifyAccessToken(`${h}.${b64({ ...claims, sv: 4, aud: "prontivus-api", iat: now, exp: now + 900 })}.${s}`, now)).toBeNull();
    expect(verifyAccessToken(`${h}.${b64(claims)}.${s!.slice(0, 10)}`, now)).toBeNull();
    expect(verifyAccessToken("a.b.c", now)).toBeNull();
    expect(verifyAccessToken("", now)).toBeNull();
  });

  it("refuses alg=none and a token signed with NEXTAUTH_SECRET itself (a different key)", () => {
    const payload = b64({ ...claims, aud: "prontivus-api", iat: now, exp: now + 900 });
    expect(verifyAccessToken(`${b64({ alg: "none", typ: "JWT" })}.${payload}.`, now)).toBeNull();
    const header = b64({ alg: "HS256", typ: "JWT" });
    const sig = createHmac("sha256", process.env.NEXTAUTH_SECRET!).update(`${header}.${payload}`).digest("base64url");
    expect(verifyAccessToken(`${header}.${payload}.${sig}`, now)).toBeNull();
  });

  it("refuses another audience even when correctly signed", () => {
    // Signed with the real key by hand, as a token minted for another audience would be.
    const [h, p, s] = signAccessToken(claims, now).split(".");
    expect(verifyAccessToken(`${h}.${p}.${s}`, now)).not.toBeNull();
    const other = `${h}.${b64({ ...claims, aud: "other", iat: now, exp: now + 900 })}`;
    const key = hkdfSync("sha256", process.env.NEXTAUTH_SECRET!, "", "prontivus api access token v1", 32);
    const sig = createHmac("sha256", Buffer.from(key)).update(other).digest("base64url");
    expect(verifyAccessToken(`${other}.${sig}`, now)).toBeNull();
  });
});
