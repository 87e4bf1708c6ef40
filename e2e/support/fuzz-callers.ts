import { expect, type Browser } from "@playwright/test";
import { hashPassword } from "../../lib/crypto/password";
import { ownerQuery } from "./db";
import { rawRequest } from "./raw-http";
import { DEMO_PASSWORD } from "./state";

// The accounts the fuzz test calls as: sessions through the real sign-in form, and an API token.

/** Signs in through the form, with room for a loaded machine (argon2 and a cold build). */
export async function formSession(browser: Browser, email: string, host: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`http://${host}/login`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Senha").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page).not.toHaveURL(/\/login$/, { timeout: 30_000 });
  const cookies = (await context.storageState()).cookies;
  await context.close();
  return cookies;
}

/** A dedicated clinic admin (one per run), so the fuzz never touches or locks a seeded login other specs use. */
export async function fuzzAdmin(browser: Browser, host: string) {
  const email = "fuzz-admin@demo.test";
  const [existing] = await ownerQuery<{ id: string }>("SELECT id FROM users WHERE email = $1", [email]);
  const id = existing?.id ?? (await ownerQuery<{ id: string }>(
    `INSERT INTO users (id, tenant_id, email, name, password_hash, status, updated_at)
     VALUES (gen_random_uuid(), (SELECT id FROM tenants WHERE slug = 'demo'), $1, 'Fuzz Admin', $2, 'ACTIVE', now()) RETURNING id`,
    [email, await hashPassword(DEMO_PASSWORD)]))[0]!.id;
  if (!existing) {
    await ownerQuery("INSERT INTO user_roles (id, tenant_id, user_id, role) SELECT gen_random_uuid(), tenant_id, id, 'admin' FROM users WHERE id = $1", [id]);
  }
  const cookies = await formSession(browser, email, host);
  const login = await rawRequest({
    host, method: "POST", path: "/api/v1/auth/login",
    headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.78" },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(login.status, login.body).toBe(200);
  return { id, cookies, token: (JSON.parse(login.body) as { accessToken: string }).accessToken };
}
