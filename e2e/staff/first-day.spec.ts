import { expect, test } from "@playwright/test";
import { signedInAs } from "../support/sessions";
import { tenantUrl } from "../support/state";

// Small things a clinic's staff notice on their first day: being greeted by name (not by title),
// a week agenda link that opens an agenda, the insurers page in the admin navigation, and wide
// tables that a keyboard can scroll on a phone.

test.describe("doctor (medica@demo)", () => {
  test.use({ storageState: signedInAs("medica@demo.prontivus.dev") });

  test("is greeted by first name, and /schedule/week alone opens their agenda", async ({ page }) => {
    await page.goto(tenantUrl("demo", "/"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Olá, Ana");
    const response = await page.goto(tenantUrl("demo", "/schedule/week"));
    expect(response?.status()).toBe(200);
    await expect(page).toHaveURL(/\/schedule\/week\?agenda=[0-9a-f-]{36}&date=\d{4}-\d{2}-\d{2}$/);
    await expect(page.getByRole("heading", { level: 1, name: /^Semana — / })).toBeVisible();
  });

  test("reads page titles in the language of the interface", async ({ page }) => {
    await page.goto(tenantUrl("demo", "/patients"));
    await expect(page).toHaveTitle("Pacientes · Prontivus");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
    await expect(page).toHaveTitle("Patients · Prontivus");
    await page.goto(tenantUrl("demo", "/my-day"));
    await expect(page).toHaveTitle("My day · Prontivus");
  });
});

test.describe("admin (admin@demo)", () => {
  test.use({ storageState: signedInAs("admin@demo.prontivus.dev") });

  test("finds the insurers in the navigation, and a table's scroller takes keyboard focus on a phone", async ({ page }) => {
    await page.goto(tenantUrl("demo", "/admin"));
    await page.getByRole("navigation", { name: "Navegação principal" }).getByRole("link", { name: "Convênios" }).click();
    await expect(page).toHaveURL(tenantUrl("demo", "/admin/insurers"));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(tenantUrl("demo", "/admin/agendas"));
    const scroller = page.getByRole("region", { name: "Agendas" });
    await scroller.focus();
    await expect(scroller).toBeFocused();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  });
});

test.describe("secretary (recepcao@demo)", () => {
  test.use({ storageState: signedInAs("recepcao@demo.prontivus.dev") });

  test("after removing an emergency contact, focus goes to its neighbour, not the page", async ({ page }) => {
    await page.goto(tenantUrl("demo", "/patients/new"));
    const add = page.getByRole("button", { name: "Adicionar contato" });
    await add.click();
    await add.click();
    await page.getByRole("textbox", { name: "Nome do contato 2" }).fill("Segundo");
    await page.getByRole("button", { name: "Remover contato 1" }).click();
    // The second contact took the first place, and has the focus.
    const first = page.getByRole("textbox", { name: "Nome do contato 1" });
    await expect(first).toHaveValue("Segundo");
    await expect(first).toBeFocused();
    await page.getByRole("button", { name: "Remover contato 1" }).click();
    await expect(add).toBeFocused();
  });

  test("the sidebar spans a long page, and its navigation stays in view at the bottom", async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 700 });
    await page.goto(tenantUrl("demo", "/patients/new"));
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeGreaterThan(700);
    expect((await page.locator("aside").boundingBox())!.height).toBeGreaterThanOrEqual(height - 1);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(page.getByRole("navigation", { name: "Navegação principal" })).toBeInViewport();
  });
});
