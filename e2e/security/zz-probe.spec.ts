import { expect, test } from "@playwright/test";
import { tenantUrl } from "../support/state";
test("probe", async ({ page }) => {
  const t0 = Date.now(); const lap = (s: string) => console.log(s, Date.now() - t0);
  await page.goto(tenantUrl("demo", "/login")); lap("goto login");
  await page.getByLabel("E-mail").fill("admin@demo.prontivus.dev");
  await page.getByLabel("Senha").fill("Prontivus2026!"); lap("filled");
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page).not.toHaveURL(/\/login$/); lap("left login");
  await page.waitForLoadState("load"); lap("loaded");
  await page.goto(tenantUrl("demo", "/patients")); lap("patients");
  await page.goto(tenantUrl("demo", "/admin")); lap("admin");
  await page.goto(tenantUrl("demo", "/patients")); lap("patients2");
  console.log(await page.context().cookies());
});
