import { describe, expect, it } from "vitest";
import { CANONICAL_JSON_MAX_DEPTH, canonicalJson, CanonicalJsonError } from "./canonical-json";

describe("canonicalJson", () => {
  it("sorts keys at every depth and writes no whitespace", () => {
    expect(canonicalJson({ b: { z: 1, a: [3, { y: true, x: null }] }, a: "é" })).toBe('{"a":"é","b":{"a":[3,{"x":null,"y":true}],"z":1}}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it("orders keys by UTF-16 code units, as RFC 8785 does", () => {
    // U+1F600 is the surrogate pair D83D DE00: before U+FF5E by code unit, after it by code point.
    expect(canonicalJson({ "é": 1, z: 2, Z: 3, "\uFF5E": 4, "\u{1F600}": 5 })).toBe('{"Z":3,"z":2,"é":1,"\u{1F600}":5,"\uFF5E":4}');
  });

  it("follows JSON.stringify for dates, undefined, functions and non-finite numbers", () => {
    const date = new Date("2026-12-01T10:00:00.000Z");
    expect(canonicalJson({ at: date, gone: undefined, fn: () => 1, n: Number.NaN, list: [undefined, Infinity] }))
      .toBe('{"at":"2026-12-01T10:00:00.000Z","list":[null,null],"n":null}');
    expect(canonicalJson(undefined)).toBe("null");
    expect(canonicalJson("a\u2028b\"")).toBe(JSON.stringify("a\u2028b\""));
  });

  it("refuses BigInt, cycles and hostile depth without overflowing the stack", () => {
    expect(() => canonicalJson({ n: 1n })).toThrow(CanonicalJsonError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(CanonicalJsonError);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => canonicalJson(deep)).toThrow(CanonicalJsonError);
    let fine: unknown = 1;
    for (let i = 0; i < CANONICAL_JSON_MAX_DEPTH; i++) fine = { a: fine };
    expect(canonicalJson(fine)).toMatch(/^(\{"a":){200}1\}{200}$/);
  });
});
