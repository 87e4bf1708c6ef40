import { expect, test } from "@playwright/test";
import { signIn } from "../support/auth";
import { loginUrlFor } from "../support/sessions";
import { tenantUrl } from "../support/state";

// Chart text that never reached the server waits in the browser (localStorage) for the doctor
// to come back; it must not outlive the doctor's session on a shared clinic computer. Signing
// out warns first when some is there, and leaving erases it.

const DOCTOR = "medica@demo.prontivus.dev";
const slow = expect.configure({ timeout: 20_000 });
const KEY = "prontivus.chart.00000000-0000-7000-8000-000000000001";

test("signing out warns about unsent chart text, lets the doctor stay, and erases it on leaving", async ({ browser }) => {
  test.setTimeout(90_000);
  // Its own session (signed out at the end), not the run's shared one.
  const page = await (await browser.newContext()).newPage();
  await signIn(page, loginUrlFor(DOCTOR), DOCTOR);
  await page.goto(tenantUrl("demo", "/my-day"));
  // What the chart editor leaves when the network dropped before the server answered.
  await page.evaluate((key) => localStorage.setItem(key, JSON.stringify({
    baseVersion: 1, sections: { chiefComplaint: "Texto não enviado" }, diagnoses: [], at: new Date().toISOString(),
  })), KEY);
  // The shell renders the button twice (sidebar, mobile menu); only the visible one is a button.
  const signOut = page.getByRole("button", { name: "Sair", exact: true });

  await signOut.click();
  const warning = page.getByRole("alert").filter({ hasText: "ainda não chegou ao servidor" }).first();
  await slow(warning).toBeVisible();
  await warning.getByRole("button", { name: "Continuar aqui" }).click();
  await slow(warning).toBeHidden();
  await expect(page).toHaveURL(/\/my-day$/);
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).not.toBeNull();

  await signOut.click();
  await page.getByRole("alert").filter({ hasText: "ainda não chegou ao servidor" }).first()
    .getByRole("button", { name: "Sair e descartar" }).click();
  await slow(page).toHaveURL(/\/login/);
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("prontivus.chart.")));
  expect(left).toEqual([]);
  await page.context().close();
});

test("signing out with nothing unsent leaves at once", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, loginUrlFor(DOCTOR), DOCTOR);
  await page.goto(tenantUrl("demo", "/my-day"));
  await page.getByRole("button", { name: "Sair", exact: true }).first().click();
  await slow(page).toHaveURL(/\/login/);
  await expect(page.getByRole("alert").filter({ hasText: "ainda não chegou ao servidor" })).toHaveCount(0);
  await page.context().close();
});
