import { describe, expect, it } from "vitest";
import { blindIndex, blindIndexFor } from "./blind-index";

const key = Buffer.alloc(32, 7);
const otherKey = Buffer.alloc(32, 8);
const TENANT_A = "0b0f7c1e-0000-4000-8000-00000000000a";
const TENANT_B = "0b0f7c1e-0000-4000-8000-00000000000b";

describe("blindIndex", () => {
  it("is deterministic 64-char hex", () => {
    const a = blindIndex(key, "cpf", "12345678909");
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(blindIndex(key, "cpf", "12345678909")).toBe(a);
  });

  it("keeps its exact output (stored indexes depend on it)", () => {
    // Pinned: changing the encoding would silently break every lookup on existing rows.
    expect(blindIndex(key, "cpf", "12345678909")).toBe(PINNED_GLOBAL);
    expect(blindIndexFor(key, { tenantId: TENANT_A, domain: "cpf", value: "12345678909" })).toBe(
      PINNED_TENANT,
    );
  });

  it("separates values, domains and keys", () => {
    const base = blindIndex(key, "cpf", "12345678909");
    expect(blindIndex(key, "cpf", "12345678900")).not.toBe(base);
    expect(blindIndex(key, "cns", "12345678909")).not.toBe(base);
    expect(blindIndex(otherKey, "cpf", "12345678909")).not.toBe(base);
  });

  it("rejects short keys, bad domains and empty values", () => {
    expect(() => blindIndex(Buffer.alloc(16), "cpf", "1")).toThrow(/at least 32 bytes/);
    expect(() => blindIndex(key, "CPF", "1")).toThrow(/domain/);
    expect(() => blindIndex(key, "", "1")).toThrow(/domain/);
    expect(() => blindIndex(key, "cpf", "")).toThrow(/empty/);
  });
});

describe("blindIndexFor", () => {
  const input = { tenantId: TENANT_A, domain: "cpf", value: "12345678909" };

  it("differs per tenant and from the global index", () => {
    const a = blindIndexFor(key, input);
    expect(blindIndexFor(key, { ...input, tenantId: TENANT_B })).not.toBe(a);
    expect(blindIndex(key, "cpf", "12345678909")).not.toBe(a);
    expect(blindIndexFor(key, input)).toBe(a);
  });

  it("cannot be confused by moving characters between tenant id and value", () => {
    const x = blindIndexFor(key, { tenantId: "a:b", domain: "cpf", value: "c" });
    const y = blindIndexFor(key, { tenantId: "a", domain: "cpf", value: "b:c" });
    expect(x).not.toBe(y);
  });

  it("requires a tenant id", () => {
    expect(() => blindIndexFor(key, { ...input, tenantId: "" })).toThrow(/tenantId/);
  });
});

// Cross-checked with an independent implementation (Python hmac over the same
// length-prefixed parts: u32be(len) + utf-8 bytes for each of tag, domain, [tenant], value).
const PINNED_GLOBAL = "0283404ea9f4bd72120d45ef3544749bc361ccf5b5d389939ce9152791073f79";
const PINNED_TENANT = "7864f5d584d21d6d40e9e5eee5c4d4fea7a40cd4824686faa9bf4a28b5c5450e";
