import { expect, test, type Browser } from "@playwright/test";
import { signIn } from "../support/auth";
import { createStaffUser, ownerQuery } from "../support/db";
import { rawGet } from "../support/http";
import { E2E_PORT, tenantUrl } from "../support/state";

// GET /api/auth/session answers from the same decision as the pages: a cookie whose session row
// has ended, or that is presented on another clinic's host (or the root host), reads as signed
// out ({}), not as the user's name, e-mail, ids and clinic. Each test has an account of its own.

const vidaHost = `vida.localhost:${E2E_PORT}`;

/** The session endpoint as a script holding `cookie` sees it, on `host`. */
async function sessionOn(host: string, cookie: string) {
  const { status, body } = await rawGet({ host, path: "/api/auth/session", cookie });
  expect(status).toBe(200);
  return JSON.parse(body) as { user?: { email?: string; tenantSlug?: string } };
}

/** Signs `user` in on vida through the form; returns the page and its cookies as a Cookie header. */
async function signedIn(browser: Browser, user: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, tenantUrl("vida", "/login"), user.email, user.password);
  const cookies = await context.cookies();
  expect(cookies.map((c) => c.name)).toContain("next-auth.session-token");
  return { page, cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") };
}

test("a signed-out cookie gets an empty session", async ({ browser }) => {
  const user = await createStaffUser("vida", "session-api-out");
  const { page, cookie } = await signedIn(browser, user);
  expect((await sessionOn(vidaHost, cookie)).user).toMatchObject({ email: user.email, tenantSlug: "vida" });

  await page.getByRole("button", { name: "Sair" }).first().click();
  await expect(page).toHaveURL(tenantUrl("vida", "/login"));
  await expect.poll(() => ownerQuery("SELECT revoke_reason FROM user_sessions WHERE user_id = $1", [user.id]))
    .toEqual([{ revoke_reason: "signed_out" }]);
  // The cookie the browser dropped, replayed: still correctly signed, but its session has ended.
  expect(await sessionOn(vidaHost, cookie)).toEqual({});
  await page.context().close();
});

test("a revoked session's cookie gets an empty session", async ({ browser }) => {
  const user = await createStaffUser("vida", "session-api-revoked");
  const { page, cookie } = await signedIn(browser, user);
  expect((await sessionOn(vidaHost, cookie)).user).toMatchObject({ email: user.email });
  await ownerQuery("UPDATE user_sessions SET revoked_at = now(), revoke_reason = 'revoked' WHERE user_id = $1", [user.id]);
  // Outside the app, so it reaches the server's session cache by NOTIFY: within a second.
  await expect.poll(() => sessionOn(vidaHost, cookie), { timeout: 1_000 }).toEqual({});
  await page.context().close();
});

test("a live cookie presented on another clinic's host or the root host gets an empty session", async ({ browser }) => {
  const user = await createStaffUser("vida", "session-api-host");
  const { page, cookie } = await signedIn(browser, user);
  expect(await sessionOn(`demo.localhost:${E2E_PORT}`, cookie)).toEqual({});
  expect(await sessionOn(`localhost:${E2E_PORT}`, cookie)).toEqual({});
  // Still honoured on its own host: the empty answers above are about the host.
  expect((await sessionOn(vidaHost, cookie)).user).toMatchObject({ email: user.email, tenantSlug: "vida" });
  await page.context().close();
});
