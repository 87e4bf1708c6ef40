import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ownerQuery } from "../support/db";
import { sessionFor } from "../support/sessions";
import { tenantUrl } from "../support/state";

// Scheduling's pages refuse what they must: another clinic's agenda or appointment id is the 404
// page (as if it did not exist), a doctor does not open a colleague's appointment, and roles
// without the permission get the 403 page. The database shows nothing changed.

const NAV = "Navegação principal";

async function pageAs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ storageState: await sessionFor(browser, email) });
  return context.newPage();
}

async function expectNotFound(page: Page, path: string) {
  const response = await page.goto(tenantUrl("demo", path));
  expect({ path, status: response?.status() }).toEqual({ path, status: 404 });
  await expect(page.getByRole("heading", { level: 1, name: "Página não encontrada" })).toBeVisible();
  await expect(page).toHaveTitle("Página não encontrada · Prontivus");
  await expect(page.getByRole("navigation", { name: NAV })).toHaveCount(0);
}

async function expectForbidden(page: Page, path: string) {
  const response = await page.goto(tenantUrl("demo", path));
  expect({ path, status: response?.status() }).toEqual({ path, status: 403 });
  await expect(page.getByRole("heading", { level: 1, name: "Acesso negado" })).toBeVisible();
}

const one = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await ownerQuery<T>(sql, params))[0]!;

test("another clinic's appointment and agenda ids answer 404 on every scheduling page", async ({ browser }) => {
  const vidaAppointment = await one<{ id: string; status: string }>(
    "SELECT a.id, a.status FROM appointments a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = 'vida' ORDER BY a.starts_at LIMIT 1");
  const vidaAgenda = await one<{ id: string }>("SELECT a.id FROM agendas a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = 'vida' LIMIT 1");
  const desk = await pageAs(browser, "recepcao@demo.prontivus.dev");
  for (const path of [
    `/appointments/${vidaAppointment.id}`, `/appointments/${randomUUID()}`, "/appointments/not-an-id",
    `/schedule/week?agenda=${vidaAgenda.id}`,
  ]) await expectNotFound(desk, path);
  // The booking form does not offer vida's agenda even when the URL names it.
  await desk.goto(tenantUrl("demo", `/appointments/new?agenda=${vidaAgenda.id}`));
  await expect(desk.getByLabel("Agenda").locator(`option[value="${vidaAgenda.id}"]`)).toHaveCount(0);

  const admin = await pageAs(browser, "admin@demo.prontivus.dev");
  await expectNotFound(admin, `/admin/agendas/${vidaAgenda.id}`);
  const after = await one<{ status: string }>("SELECT status FROM appointments WHERE id = $1", [vidaAppointment.id]);
  expect(after.status).toBe(vidaAppointment.status);
});

test("a doctor opens their own appointments, not a colleague's", async ({ browser }) => {
  const colleague = await one<{ id: string }>(
    `SELECT a.id FROM appointments a JOIN users u ON u.id = a.doctor_id WHERE u.email = 'medica@demo.prontivus.dev' LIMIT 1`);
  const own = await one<{ id: string }>(
    `SELECT a.id FROM appointments a JOIN users u ON u.id = a.doctor_id WHERE u.email = 'medico@demo.prontivus.dev' LIMIT 1`);
  const doctor = await pageAs(browser, "medico@demo.prontivus.dev");
  await expectNotFound(doctor, `/appointments/${colleague.id}`);
  const response = await doctor.goto(tenantUrl("demo", `/appointments/${own.id}`));
  expect(response?.status()).toBe(200);
  await expect(doctor.getByText("Dr. Carlos Henrique Lima").first()).toBeVisible();
});

test("roles without the permission get 403: finance cannot book, only admins configure agendas", async ({ browser }) => {
  const finance = await pageAs(browser, "financeiro@demo.prontivus.dev");
  await expectForbidden(finance, "/appointments/new");
  await expectForbidden(finance, "/admin/agendas");
  const desk = await pageAs(browser, "recepcao@demo.prontivus.dev");
  await expectForbidden(desk, "/admin/agendas");
  await expectForbidden(desk, "/admin/agendas/new");
  // Control: the calendar is open to the front desk.
  expect((await desk.goto(tenantUrl("demo", "/schedule")))?.status()).toBe(200);
});
