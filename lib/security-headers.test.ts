import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from "./security-headers";

const directives = (csp: string) => new Map(csp.split("; ").map((d) => {
  const [name, ...values] = d.split(" ");
  return [name!, values];
}));

describe("contentSecurityPolicy", () => {
  it("lets scripts run only with the nonce: no 'unsafe-inline', no 'unsafe-eval' in production", () => {
    const csp = directives(contentSecurityPolicy("abc123==", false));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
  });

  it("allows eval and the HMR socket only in development", () => {
    const csp = directives(contentSecurityPolicy("n", true));
    expect(csp.get("script-src")).toContain("'unsafe-eval'");
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
    expect(csp.get("connect-src")).toEqual(["'self'", "ws:", "wss:"]);
  });
});

describe("newNonce", () => {
  it("is 128 random bits in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});

describe("strictTransportSecurity", () => {
  it("pins HTTPS for two years, subdomains included, only when served over HTTPS", () => {
    expect(strictTransportSecurity(true)).toBe("max-age=63072000; includeSubDomains");
    expect(strictTransportSecurity(false)).toBeNull();
  });
});
