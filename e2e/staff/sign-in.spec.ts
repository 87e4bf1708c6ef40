import { expect, test } from "@playwright/test";
import { signIn } from "../support/auth";
import { platformUrl, tenantUrl } from "../support/state";

// Each seeded role signs in on its clinic's host and sees the navigation its permissions give.
const CASES = [
  { email: "admin@demo.prontivus.dev", sees: ["Painel", "Pacientes", "Financeiro", "Usuários", "Auditoria"], not: [] },
  { email: "medica@demo.prontivus.dev", sees: ["Painel", "Pacientes"], not: ["Financeiro", "Usuários", "Auditoria"] },
  { email: "recepcao@demo.prontivus.dev", sees: ["Painel", "Pacientes"], not: ["Financeiro", "Usuários", "Auditoria"] },
  { email: "financeiro@demo.prontivus.dev", sees: ["Painel", "Pacientes", "Financeiro"], not: ["Usuários", "Auditoria"] },
];

for (const c of CASES) {
  test(`${c.email} signs in and sees their navigation`, async ({ page }) => {
    await signIn(page, tenantUrl("demo", "/login"), c.email);
    const nav = page.getByRole("navigation", { name: "Navegação principal" }).first();
    for (const label of c.sees) await expect(nav.getByRole("link", { name: label })).toBeVisible();
    for (const label of c.not) await expect(nav.getByRole("link", { name: label })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Consultas de hoje" })).toBeVisible();
  });
}

test("a patient lands in the portal", async ({ page }) => {
  await signIn(page, tenantUrl("demo", "/login"), "paciente@demo.prontivus.dev");
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole("heading", { name: "Próximas consultas" })).toBeVisible();
});

test("the super admin signs in on the root host and sees the clinics", async ({ page }) => {
  await signIn(page, platformUrl("/login"), "root@prontivus.dev");
  await expect(page).toHaveURL(/\/platform$/);
  await expect(page.getByRole("cell", { name: "demo" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Clínica Vida" })).toBeVisible();
});

test("a wrong password shows one generic message", async ({ page }) => {
  await page.goto(tenantUrl("demo", "/login"));
  await page.getByLabel("E-mail").fill("admin@demo.prontivus.dev");
  await page.getByLabel("Senha").fill("wrong-password-1");
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "E-mail ou senha inválidos." })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
});
