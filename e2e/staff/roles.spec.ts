import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../support/auth";
import { ownerQuery, tenantId } from "../support/db";
import { cookiesFor, sessionFor, signedInAs } from "../support/sessions";
import { tenantUrl } from "../support/state";

// Every role is refused what its permissions do not grant, the way a user sees it: the 403 page
// (with HTTP 403) for staff, a redirect for patients and visitors, the login page for a session
// from the wrong host. The admin's own pages are the control that the refusals are specific.

const NAV = "Navegação principal";
const SEEDED_DEMO_STAFF = ["Mariana Costa", "Dra. Ana Beatriz Souza", "Dr. Carlos Henrique Lima", "Juliana Pereira", "Roberto Almeida", "Lucas Fernandes"];

async function expectForbidden(page: Page, path: string) {
  const response = await page.goto(tenantUrl("demo", path));
  expect({ path, status: response?.status() }).toEqual({ path, status: 403 });
  await expect(page).toHaveURL(tenantUrl("demo", path));
  await expect(page.getByRole("heading", { level: 1, name: "Acesso negado" })).toBeVisible();
  // The tab says so too, not the title of the page that was refused.
  await expect(page).toHaveTitle("Acesso negado · Prontivus");
  await expect(page.getByRole("table")).toHaveCount(0);
}

/** Navigates and expects the server to have redirected (not a client-side hop) to `to`. */
async function expectRedirect(page: Page, path: string, to: string) {
  const response = await page.goto(tenantUrl("demo", path));
  await expect(page).toHaveURL(tenantUrl("demo", to));
  expect(response?.request().redirectedFrom()?.url()).toBe(tenantUrl("demo", path));
}

test.describe("secretary (recepcao@demo)", () => {
  test.use({ storageState: signedInAs("recepcao@demo.prontivus.dev") });

  test("gets 403 on the admin and finance pages", async ({ page }) => {
    for (const path of ["/admin", "/admin/audit", "/finance"]) await expectForbidden(page, path);
    // Control: the same session opens what a secretary may see.
    const response = await page.goto(tenantUrl("demo", "/patients"));
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Pacientes" })).toBeVisible();
  });
});

test.describe("doctor (medica@demo)", () => {
  test.use({ storageState: signedInAs("medica@demo.prontivus.dev") });

  test("gets 403 on the finance and admin pages", async ({ page }) => {
    for (const path of ["/finance", "/admin", "/admin/audit"]) await expectForbidden(page, path);
  });
});

test.describe("finance (financeiro@demo)", () => {
  test.use({ storageState: signedInAs("financeiro@demo.prontivus.dev") });

  test("opens finance but gets 403 on the admin pages", async ({ page }) => {
    const response = await page.goto(tenantUrl("demo", "/finance"));
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Lançamentos financeiros" })).toBeVisible();
    for (const path of ["/admin", "/admin/audit"]) await expectForbidden(page, path);
  });
});

test.describe("patient (paciente@demo)", () => {
  test.use({ storageState: signedInAs("paciente@demo.prontivus.dev") });

  test("is sent to the portal from every staff page", async ({ page }) => {
    for (const path of ["/", "/patients", "/admin", "/finance"]) {
      await expectRedirect(page, path, "/portal");
      await expect(page.getByRole("heading", { name: "Próximas consultas" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Pacientes" })).toHaveCount(0);
    }
  });
});

test("an anonymous visitor is sent to the login page", async ({ page }) => {
  for (const path of ["/patients", "/", "/admin", "/finance", "/portal"]) {
    await expectRedirect(page, path, "/login");
    await expect(page.getByRole("heading", { level: 1, name: "Clínica Demo" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: NAV })).toHaveCount(0);
  }
});

test("a super admin session from the root host is not a session on a clinic's host", async ({ browser }) => {
  const root = await sessionFor(browser, "root@prontivus.dev");
  const userAgent = `e2e roles ${randomUUID()}`;
  const context = await browser.newContext({ userAgent, storageState: root });
  await context.addCookies(cookiesFor(root, "demo.localhost"));
  const page = await context.newPage();

  for (const path of ["/", "/admin/audit"]) {
    await page.goto(tenantUrl("demo", path));
    await expect(page).toHaveURL(tenantUrl("demo", "/login"));
    await expect(page.getByRole("heading", { level: 1, name: "Clínica Demo" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: NAV })).toHaveCount(0);
  }
  await context.close();

  const demo = await tenantId("demo");
  const events = await ownerQuery<{ tenant_id: string; details: unknown }>(
    "SELECT tenant_id, details FROM security_events WHERE type = 'TENANT_MISMATCH' AND user_agent = $1", [userAgent]);
  expect(events.length).toBeGreaterThanOrEqual(2);
  for (const event of events) expect(event).toEqual({ tenant_id: demo, details: { tokenTenant: "platform" } });
});

test.describe("admin (admin@demo)", () => {
  test.use({ storageState: signedInAs("admin@demo.prontivus.dev") });

  test("lists the clinic's users, and only them", async ({ page }) => {
    const users = await ownerQuery<{ name: string; email: string; slug: string }>(
      "SELECT u.name, u.email, t.slug FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE t.slug IN ('demo', 'vida')");
    const demo = users.filter((u) => u.slug === "demo");
    expect(demo.map((u) => u.name)).toEqual(expect.arrayContaining(SEEDED_DEMO_STAFF));

    const response = await page.goto(tenantUrl("demo", "/admin"));
    expect(response?.status()).toBe(200);
    const names = page.getByRole("table", { name: "Usuários da clínica" }).locator("tbody tr").getByRole("rowheader");
    await expect(names).toHaveCount(demo.length);
    // The signed-in admin's own row may carry a "(você)" mark.
    const shown = (await names.allTextContents()).map((n) => n.replace(/ \(você\)$/, "").trim());
    expect(shown.sort()).toEqual(demo.map((u) => u.name).sort());
    const html = await page.content();
    const demoEmails = new Set(demo.map((u) => u.email));
    expect(users.filter((u) => u.slug === "vida" && !demoEmails.has(u.email) && html.includes(u.email))).toEqual([]);
  });
});

test("the admin reads the audit trail, their own sign-in included", async ({ page }) => {
  // A fresh sign-in through the form: the newest auth.login row of this admin, which the trail
  // (newest first) must show with its number, action and actor.
  await signIn(page, tenantUrl("demo", "/login"), "admin@demo.prontivus.dev");
  const [login] = await ownerQuery<{ seq: string }>(
    `SELECT a.seq::text AS seq FROM audit_logs a JOIN users u ON u.id = a.actor_id JOIN tenants t ON t.id = a.tenant_id
      WHERE t.slug = 'demo' AND u.email = 'admin@demo.prontivus.dev' AND a.action = 'auth.login'
      ORDER BY a.seq DESC LIMIT 1`);
  expect(login).toBeDefined();

  const response = await page.goto(tenantUrl("demo", "/admin/audit"));
  expect(response?.status()).toBe(200);
  const row = page.getByRole("table", { name: "Trilha de auditoria" }).getByRole("row")
    .filter({ has: page.getByRole("cell", { name: login!.seq, exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("rowheader")).toHaveText("auth.login");
  await expect(row.getByRole("cell", { name: "Mariana Costa", exact: true })).toBeVisible();
});
