import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, bearerToken, errorResponse, parseJsonBody } from "./http";

const req = (headers: Record<string, string>, body?: string) =>
  new Request("http://demo.localhost:3000/api/v1/x", { method: body === undefined ? "GET" : "POST", headers, body });

const codeOf = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as AppError).code;
  }
};

describe("errorResponse", () => {
  it("maps AppError and ZodError to the API error shape, anything else to a bare 500", async () => {
    const r = errorResponse(new AppError("conflict", "Já existe."));
    expect([r.status, await r.json(), r.headers.get("cache-control")]).toEqual([409, { error: { code: "conflict", message: "Já existe." } }, "no-store"]);
    const z400 = errorResponse(z.object({ a: z.string() }).safeParse({}).error);
    expect(z400.status).toBe(400);
    expect((await z400.json()).error.fields).toHaveProperty("a");
    const original = console.error;
    console.error = () => {};
    const boom = errorResponse(new Error("secret detail"));
    console.error = original;
    expect(boom.status).toBe(500);
    expect(JSON.stringify(await boom.json())).not.toContain("secret");
  });
});

describe("parseJsonBody", () => {
  const schema = z.object({ n: z.number() });
  it("parses, and answers validation errors for bad JSON, bad shape and oversize bodies", async () => {
    await expect(parseJsonBody(req({}, '{"n":1}'), schema)).resolves.toEqual({ n: 1 });
    await expect(parseJsonBody(req({}, "{"), schema)).rejects.toMatchObject({ code: "validation" });
    await expect(parseJsonBody(req({}, '{"n":"1"}'), schema)).rejects.toMatchObject({ code: "validation", fields: { n: expect.any(Array) } });
    await expect(parseJsonBody(req({}, JSON.stringify({ n: 1, pad: "x".repeat(70_000) })), schema)).rejects.toMatchObject({ code: "validation" });
  });
});

describe("bearerToken", () => {
  it("reads only the Bearer scheme", () => {
    expect(bearerToken(req({ authorization: "Bearer abc.def.ghi" }))).toBe("abc.def.ghi");
    expect(bearerToken(req({ authorization: "Basic abc" }))).toBeNull();
    expect(bearerToken(req({}))).toBeNull();
  });
});

describe("assertSameOrigin", () => {
  it("accepts same-origin and header-less requests, refuses other origins and cross-site fetches", () => {
    expect(codeOf(() => assertSameOrigin(req({ host: "demo.localhost:3000", origin: "http://demo.localhost:3000" })))).toBeNull();
    expect(codeOf(() => assertSameOrigin(req({ host: "demo.localhost:3000" })))).toBeNull();
    expect(codeOf(() => assertSameOrigin(req({ host: "demo.localhost:3000", origin: "http://vida.localhost:3000" })))).toBe("forbidden");
    expect(codeOf(() => assertSameOrigin(req({ host: "demo.localhost:3000", origin: "null" })))).toBe("forbidden");
    expect(codeOf(() => assertSameOrigin(req({ host: "demo.localhost:3000", "sec-fetch-site": "cross-site" })))).toBe("forbidden");
  });
});

describe("JSON nesting", () => {
  const deep = (n: number) => "[".repeat(n) + "]".repeat(n);

  it("refuses a body nested deeper than MAX_JSON_DEPTH with 400 and the error shape, at any depth", async () => {
    const { MAX_JSON_DEPTH, readJsonBody } = await import("./http");
    await expect(readJsonBody(req({}, deep(MAX_JSON_DEPTH)))).resolves.toBeDefined();
    for (const n of [MAX_JSON_DEPTH + 1, 20_000, 32_000]) {
      const error = await readJsonBody(req({}, deep(n))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      const r = errorResponse(error);
      expect(r.status).toBe(400);
      expect((await r.json()).error).toMatchObject({ code: "validation", message: expect.stringContaining(String(MAX_JSON_DEPTH)) });
    }
    const objects = '{"a":'.repeat(20_000) + "1" + "}".repeat(20_000);
    expect(await readJsonBody(req({}, objects)).catch((e: AppError) => e.code)).toBe("validation");
  });

  it("the idempotency hash refuses deep values (400) instead of overflowing the stack", async () => {
    const { requestHash } = await import("./idempotency");
    let v: unknown = 1;
    for (let i = 0; i < 20_000; i++) v = [v];
    expect(codeOf(() => requestHash("POST", "http://demo.localhost/api/v1/patients", v))).toBe("validation");
  });
});
