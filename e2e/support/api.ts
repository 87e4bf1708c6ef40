import type { Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./state";

export type ApiAnswer = { status: number; text: string; body: Record<string, unknown> | null };

/**
 * A bearer call to the API from inside the page (the browser resolves the clinic's host): signs
 * in as `email` over POST /api/v1/auth/login, then sends the request with the access token.
 */
export async function bearerCall(page: Page, email: string, method: string, path: string, body?: unknown, password = DEMO_PASSWORD): Promise<ApiAnswer> {
  const answer = await page.evaluate(async ({ email, password, method, path, body }) => {
    const login = await fetch("/api/v1/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const res = await fetch(path, {
      method, headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  }, { email, password, method, path, body });
  let parsed: Record<string, unknown> | null = null;
  try { parsed = JSON.parse(answer.text) as Record<string, unknown>; } catch { /* not JSON: the text says what came */ }
  return { ...answer, body: parsed };
}
