import { beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/format/canonical-json";
import { idempotencyKeyOf, requestHash } from "./idempotency";
import { decodeCursor, encodeCursor, pageOf, scopeOf, unwrapCursor, wrapCursor } from "./pagination";

beforeAll(() => {
  process.env.NEXTAUTH_SECRET ??= "unit-test-secret-unit-test-secret-0123456789";
  process.env.FIELD_ENCRYPTION_KEYS ??= `v1:${Buffer.alloc(32, 1).toString("base64")}`;
  process.env.BLIND_INDEX_KEY ??= Buffer.alloc(32, 2).toString("base64");
});

describe("cursors", () => {
  const scope = scopeOf("/api/v1/patients", { q: "maria", status: "ACTIVE" });

  it("round-trip a keyset only within the scope they were made for", () => {
    const cursor = encodeCursor(["maria lima", "0193-id"], scope);
    expect(decodeCursor(cursor, scope, 2)).toEqual(["maria lima", "0193-id"]);
    // The same filters in another order are the same scope; other filters are not.
    expect(decodeCursor(cursor, scopeOf("/api/v1/patients", { status: "ACTIVE", q: "maria" }), 2)).toEqual(["maria lima", "0193-id"]);
    expect(() => decodeCursor(cursor, scopeOf("/api/v1/patients", { q: "jose" }), 2)).toThrow(/Cursor/);
    expect(() => decodeCursor(cursor, scope, 3)).toThrow(/Cursor/);
  });

  it("refuse a tampered payload, a truncated tag and garbage", () => {
    const [payload, tag] = encodeCursor(["a", 1], scope).split(".");
    const forged = Buffer.from(JSON.stringify(["b", 1])).toString("base64url");
    for (const bad of [`${forged}.${tag}`, `${payload}.${tag!.slice(0, 10)}`, "x", `${payload}.${tag}.x`, ""]) {
      expect(() => decodeCursor(bad, scope, 2)).toThrow(/Cursor/);
    }
  });

  it("wrap a domain cursor, and page with one extra row", () => {
    expect(unwrapCursor(wrapCursor("opaque|1", scope), scope)).toBe("opaque|1");
    expect(wrapCursor(null, scope)).toBeNull();
    expect(unwrapCursor(null, scope)).toBeUndefined();
    const page = pageOf([1, 2, 3], 2, (n) => [n], scope);
    expect(page.data).toEqual([1, 2]);
    expect(decodeCursor(page.nextCursor!, scope, 1)).toEqual([2]);
    expect(pageOf([1, 2], 2, (n) => [n], scope).nextCursor).toBeNull();
  });
});

describe("idempotency request identity", () => {
  it("hashes bodies canonically: key order does not matter, values and path do", () => {
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: null, z: undefined })).toBe('{"a":null,"b":[1,{"c":2,"d":1}]}');
    const h = requestHash("POST", "http://x/api/v1/appointments", { a: 1, b: 2 });
    expect(requestHash("post", "http://y/api/v1/appointments", { b: 2, a: 1 })).toBe(h);
    expect(requestHash("POST", "http://x/api/v1/appointments", { a: 1, b: 3 })).not.toBe(h);
    expect(requestHash("POST", "http://x/api/v1/patients", { a: 1, b: 2 })).not.toBe(h);
  });

  it("accepts 1 to 255 visible ASCII characters as a key", () => {
    const req = (key?: string) => new Request("http://x/", { method: "POST", headers: key === undefined ? {} : { "idempotency-key": key } });
    expect(idempotencyKeyOf(req())).toBeNull();
    expect(idempotencyKeyOf(req("3f1c-ab_9:~"))).toBe("3f1c-ab_9:~");
    expect(idempotencyKeyOf(req("k".repeat(255)))).toHaveLength(255);
    for (const bad of ["", "a b", "k".repeat(256), "chave-ç"]) expect(() => idempotencyKeyOf(req(bad))).toThrow();
  });
});
