import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./state";

/** Signs in through the real form on the page's current host and waits for the landing page. */
export async function signIn(page: Page, loginUrl: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(loginUrl);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Senha").fill(password);
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page).not.toHaveURL(/\/login$/);
}
