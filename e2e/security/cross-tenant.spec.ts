import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../support/auth";
import { ownerQuery, tenantId } from "../support/db";
import { cookiesFor, sessionFor } from "../support/sessions";
import { E2E_PORT, platformUrl, tenantUrl } from "../support/state";

// What an attacker holding a session, a header or a URL of one clinic can reach of another:
// nothing. Each test checks what the browser shows and, where the app must record the attempt,
// what the database holds afterwards (read as the owner, outside row-level security).

const NAV = "Navegação principal";
const INVALID = "E-mail ou senha inválidos.";
const LANDING = "Prontuário eletrônico e gestão para clínicas";

async function expectLoginPage(page: Page, orgName: string) {
  await expect(page.getByRole("heading", { level: 1, name: orgName, exact: true })).toBeVisible();
  await expect(page.getByLabel("E-mail")).toBeVisible();
  await expect(page.getByRole("navigation", { name: NAV })).toHaveCount(0);
}

async function expectNotFound(page: Page, status: number | undefined) {
  expect(status).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Página não encontrada" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: NAV })).toHaveCount(0);
  await expect(page.getByRole("table")).toHaveCount(0);
}

async function fillLogin(page: Page, email: string) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Senha").fill("Prontivus2026!");
  await page.getByRole("button", { name: "Entrar" }).click();
}

/** A raw HTTP/1.1 GET to the server's loopback address with any Host header (browsers cannot forge it). */
function rawGet(host: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: E2E_PORT, path, headers: { host } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test.describe("sessions stay on their host", () => {
  test("a demo session copied to vida's host lands on vida's login page and leaves TENANT_MISMATCH events", async ({ browser }) => {
    const demoSession = await sessionFor(browser, "admin@demo.prontivus.dev");
    // A user agent of its own lets the security events of exactly this browser be found.
    const userAgent = `e2e cross-tenant ${randomUUID()}`;
    const context = await browser.newContext({ userAgent });
    await context.addCookies(cookiesFor(demoSession, "vida.localhost"));
    const page = await context.newPage();

    for (const path of ["/", "/patients", "/admin", "/finance"]) {
      await page.goto(tenantUrl("vida", path));
      await expect(page).toHaveURL(tenantUrl("vida", "/login"));
      await expectLoginPage(page, "Clínica Vida");
      await expect(page.getByText("Sua sessão pertence a outra clínica. Entre novamente para continuar.")).toBeVisible();
    }
    await context.close();

    const vida = await tenantId("vida");
    const events = await ownerQuery<{ tenant_id: string; severity: string; details: unknown }>(
      "SELECT tenant_id, severity, details FROM security_events WHERE type = 'TENANT_MISMATCH' AND user_agent = $1",
      [userAgent]);
    expect(events.length).toBeGreaterThanOrEqual(4);
    for (const event of events) expect(event).toEqual({ tenant_id: vida, severity: "HIGH", details: { tokenTenant: "demo" } });
  });

  test("a demo session copied to the root host does not open the platform", async ({ browser }) => {
    const demoSession = await sessionFor(browser, "admin@demo.prontivus.dev");
    const context = await browser.newContext();
    await context.addCookies(cookiesFor(demoSession, "localhost"));
    const page = await context.newPage();
    await page.goto(platformUrl("/platform"));
    await expect(page).toHaveURL(platformUrl("/login"));
    await expectLoginPage(page, "Acesso da equipe Prontivus");
    await expect(page.getByRole("table")).toHaveCount(0);
    await context.close();
  });
});

test.describe("the tenant comes from the Host header only", () => {
  test("a forged x-prontivus-tenant header on demo's host still gets demo", async ({ browser }) => {
    const context = await browser.newContext({ extraHTTPHeaders: { "x-prontivus-tenant": "vida" } });
    const page = await context.newPage();

    const response = await page.goto(tenantUrl("demo", "/login"));
    expect(response?.status()).toBe(200);
    await expectLoginPage(page, "Clínica Demo");

    // vida's admin cannot sign in through demo's host with the header...
    await fillLogin(page, "admin@vida.prontivus.dev");
    await expect(page.getByRole("alert").filter({ hasText: INVALID })).toBeVisible();
    await expect(page).toHaveURL(tenantUrl("demo", "/login"));

    // ...and demo's admin, signed in with it, sees demo's clinic and demo's patients.
    await signIn(page, tenantUrl("demo", "/login"), "admin@demo.prontivus.dev");
    await expect(page.getByRole("navigation", { name: NAV }).first()).toBeVisible();
    await expect(page.getByText("Clínica Demo").first()).toBeVisible();
    await page.goto(tenantUrl("demo", "/patients"));
    const [{ n }] = (await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM patients p JOIN tenants t ON t.id = p.tenant_id
        WHERE t.slug = 'demo' AND p.status = 'ACTIVE'`)) as [{ n: number }];
    await expect(page.getByText(`${n} pacientes`, { exact: true })).toBeVisible();
    await context.close();
  });

  test("a forged x-prontivus-tenant header on the root host still gets the platform", async ({ browser }) => {
    const context = await browser.newContext({ extraHTTPHeaders: { "x-prontivus-tenant": "demo" } });
    const page = await context.newPage();

    const response = await page.goto(platformUrl("/"));
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: LANDING })).toBeVisible();
    await expect(page.getByText("Clínica Demo")).toHaveCount(0);

    // Were the header honoured, sign-in on the root host would check demo's users.
    await page.goto(platformUrl("/login"));
    await expectLoginPage(page, "Acesso da equipe Prontivus");
    await fillLogin(page, "admin@demo.prontivus.dev");
    await expect(page.getByRole("alert").filter({ hasText: INVALID })).toBeVisible();
    await expect(page).toHaveURL(platformUrl("/login"));

    await signIn(page, platformUrl("/login"), "root@prontivus.dev");
    await expect(page).toHaveURL(platformUrl("/platform"));
    await expect(page.getByRole("rowheader", { name: "Clínica Vida" })).toBeVisible();
    await context.close();
  });
});

test.describe("hosts and paths outside a tenant's tree answer 404", () => {
  test("an unknown clinic's host shows the not-found page", async ({ page }) => {
    const response = await page.goto(`http://nope.localhost:${E2E_PORT}/login`);
    await expectNotFound(page, response?.status());
    await expect(page.getByLabel("E-mail")).toHaveCount(0);
  });

  test("a host that is not under APP_HOST is refused", async () => {
    for (const host of ["evil.example", `evil.example:${E2E_PORT}`, `demo.localhost:${E2E_PORT}.evil.example`, `a.demo.localhost:${E2E_PORT}`, "demo.localhost"]) {
      for (const path of ["/", "/login", "/patients", "/api/auth/session"]) {
        const { status, body } = await rawGet(host, path);
        expect({ host, path, status }).toEqual({ host, path, status: 404 });
        expect(body).not.toContain("Clínica");
        expect(body).not.toContain("Entrar");
      }
    }
    // The same raw request with the real host is served, so the 404s above are about the host.
    expect((await rawGet(`demo.localhost:${E2E_PORT}`, "/login")).status).toBe(200);
  });

  test("the root host does not serve the tenant tree", async ({ page }) => {
    for (const path of ["/t/demo/login", "/t/demo", "/t/demo/patients", "/t/vida/login"]) {
      const response = await page.goto(platformUrl(path));
      await expectNotFound(page, response?.status());
      await expect(page.getByLabel("E-mail")).toHaveCount(0);
    }
  });

  test("a demo user cannot reach vida's tree through demo's host", async ({ browser }) => {
    const context = await browser.newContext({ storageState: await sessionFor(browser, "admin@demo.prontivus.dev") });
    const page = await context.newPage();
    for (const path of ["/t/vida/patients", "/t/vida", "/t/vida/admin", "/t/demo/patients"]) {
      const response = await page.goto(tenantUrl("demo", path));
      await expectNotFound(page, response?.status());
    }
    await context.close();
  });
});

type PatientRow = { id: string; slug: string; full_name: string; social_name: string | null; search_name: string };

async function demoAndVidaPatients() {
  const patients = await ownerQuery<PatientRow>(
    `SELECT p.id, t.slug, p.full_name, p.social_name, p.search_name FROM patients p JOIN tenants t ON t.id = p.tenant_id
      WHERE t.slug IN ('demo', 'vida') AND p.status = 'ACTIVE' ORDER BY p.search_name, p.id`);
  const vida = patients.filter((p) => p.slug === "vida");
  expect(vida.length).toBeGreaterThan(0);
  return { demo: patients.filter((p) => p.slug === "demo"), vida };
}

test.describe("vida's patients never show on demo", () => {
  test("a vida patient's exact name finds them on vida and nothing on demo", async ({ browser }) => {
    test.slow(); // up to two sign-ins (one per clinic) and five page loads: 10-15 s here, more on a busy machine
    const { demo, vida } = await demoAndVidaPatients();
    // A vida patient whose name no demo patient's name contains (the clinics share some names).
    const target = vida.find((v) => !v.social_name && !demo.some((d) => d.search_name.includes(v.search_name)));
    if (!target) throw new Error("the seed no longer has a vida patient name unique to vida");

    // Control: on vida's own host the name finds the patient.
    const vidaContext = await browser.newContext({ storageState: await sessionFor(browser, "recepcao@vida.prontivus.dev") });
    const vidaPage = await vidaContext.newPage();
    await vidaPage.goto(tenantUrl("vida", `/patients?q=${encodeURIComponent(target.full_name)}`));
    await expect(vidaPage.getByRole("rowheader", { name: target.full_name, exact: true })).toBeVisible();
    await vidaContext.close();

    const context = await browser.newContext({ storageState: await sessionFor(browser, "recepcao@demo.prontivus.dev") });
    const page = await context.newPage();
    await page.goto(tenantUrl("demo", "/patients"));
    const table = page.getByRole("table", { name: "Pacientes" });
    await expect(table.locator("tbody tr")).toHaveCount(20);

    await page.getByRole("searchbox").fill(target.full_name);
    await page.getByRole("searchbox").press("Enter");
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(target.full_name);
    await expect(table.getByText("Nenhum paciente encontrado.")).toBeVisible();
    await expect(page.getByText("Nenhum paciente", { exact: true })).toBeVisible();

    // The server's whole answer for that search (HTML and embedded React payload) names no vida id.
    const html = await page.evaluate(async (href) => (await fetch(href)).text(), `?q=${encodeURIComponent(target.full_name)}`);
    expect(html).toContain("Nenhum paciente encontrado.");
    expect(vida.filter((v) => html.includes(v.id)).map((v) => v.id)).toEqual([]);
    await context.close();
  });

  test("a surname both clinics share lists only demo's patients on demo", async ({ browser }) => {
    const { demo, vida } = await demoAndVidaPatients();
    const surnameOf = (p: PatientRow) => p.full_name.split(" ").at(-1)!.toLowerCase();
    const shared = vida.map(surnameOf).find((s) => demo.some((d) => d.search_name.includes(s)));
    if (!shared) throw new Error("the seed no longer has a surname both clinics share");

    const context = await browser.newContext({ storageState: await sessionFor(browser, "recepcao@demo.prontivus.dev") });
    const page = await context.newPage();
    const response = await page.goto(tenantUrl("demo", `/patients?q=${encodeURIComponent(shared)}`));
    expect(response?.status()).toBe(200);
    const html = await response!.text();
    const rows = page.getByRole("table", { name: "Pacientes" }).locator("tbody tr");
    await expect(rows.first().getByRole("rowheader")).toBeVisible();
    // Ids are in the payload (the demo patients listed), and none of them is vida's.
    expect(demo.filter((d) => html.includes(d.id)).length).toBe(await rows.count());
    expect(vida.filter((v) => html.includes(v.id)).map((v) => v.id)).toEqual([]);
    await context.close();
  });
});
