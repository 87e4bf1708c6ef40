import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { TestTenant, TestUser } from "@/lib/testing/factories";
import { POST as login } from "@/app/api/v1/auth/login/route";

// Requests for integration tests of the REST API, built the way Next.js hands them to a route
// handler after proxy.ts: the tenant's host and the tenant header proxy.ts sets.

export type Init = { method?: string; body?: unknown; token?: string; headers?: Record<string, string> };

export function apiRequest(tenant: TestTenant | null, path: string, { method, body, token, headers = {} }: Init = {}): Request {
  return new Request(`http://${tenant?.slug ?? "www"}.localhost:3000${path}`, {
    method: method ?? (body === undefined ? "GET" : "POST"),
    headers: {
      ...(tenant ? { "x-prontivus-tenant": tenant.slug } : {}),
      "content-type": "application/json", "x-request-id": randomUUID(), "user-agent": "vitest api http",
      ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** An access token through POST /api/v1/auth/login (the tenant must not demand 2FA of the role). */
export async function accessTokenFor(tenant: TestTenant, user: TestUser): Promise<string> {
  const res = await login(apiRequest(tenant, "/api/v1/auth/login", { body: { email: user.email, password: user.password } }));
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

export type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } };
