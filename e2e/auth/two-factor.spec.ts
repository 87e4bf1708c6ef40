import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";
import { signIn } from "../support/auth";
import { createStaffUser, ownerQuery } from "../support/db";
import { tenantUrl } from "../support/state";

// A staff member turns on TOTP on /account (reading the manual key off the page, as someone
// without a camera would), then signs in in two steps; a replayed code is refused and a
// recovery code works once.

test.describe.configure({ timeout: 90_000 }); // waits for a fresh 30 s TOTP step

/** The code of the step after the last one used, so a sign-in never trips the replay guard. */
async function freshCode(secret: string, after: number): Promise<{ code: string; step: number }> {
  let step = Math.floor(Date.now() / 30_000);
  while (step <= after) {
    await new Promise((r) => setTimeout(r, 1000));
    step = Math.floor(Date.now() / 30_000);
  }
  return { code: await generate({ secret, epoch: step * 30 + 1 }), step };
}

async function passwordStep(page: Page, email: string, password: string) {
  await page.goto(tenantUrl("vida", "/login"));
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Senha").fill(password);
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page.getByText("Digite o código de 6 dígitos do seu aplicativo autenticador.")).toBeVisible();
}

async function codeStep(page: Page, code: string) {
  await page.getByLabel("Código de verificação").fill(code);
  await page.getByRole("button", { name: "Verificar" }).click();
}

test("TOTP: enrol on /account, sign in with a code, replay refused, recovery code once", async ({ page, context }) => {
  const user = await createStaffUser("vida", "totp");
  await signIn(page, tenantUrl("vida", "/login"), user.email, user.password);

  await page.goto(tenantUrl("vida", "/account"));
  await expect(page.getByRole("heading", { name: "Segurança da conta" })).toBeVisible();
  await page.getByRole("button", { name: "Ativar verificação em duas etapas" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await expect(page.getByRole("img", { name: "QR code para o aplicativo autenticador" })).toBeVisible();
  let used = await freshCode(secret, 0);
  await page.getByLabel("Código de verificação").fill(used.code);
  await page.getByRole("button", { name: "Confirmar" }).click();
  const list = page.getByRole("list", { name: "Códigos de recuperação" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const recovery = (await list.getByRole("listitem").first().textContent())!.trim();

  // Signed out, the password alone leads to the code step, not in.
  await context.clearCookies();
  await passwordStep(page, user.email, user.password);
  used = await freshCode(secret, used.step);
  await codeStep(page, used.code);
  await expect(page).not.toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "Consultas de hoje" })).toBeVisible();

  // The same code again, in its own 30 s window: refused as a replay.
  await context.clearCookies();
  await passwordStep(page, user.email, user.password);
  await codeStep(page, used.code);
  await expect(page.getByRole("alert").filter({ hasText: "Código inválido ou expirado." })).toBeVisible();
  expect(await ownerQuery("SELECT type FROM security_events WHERE user_id = $1 AND type = 'TWO_FACTOR_REPLAY'", [user.id]))
    .toEqual([{ type: "TWO_FACTOR_REPLAY" }]);

  // A recovery code instead, on the same challenge: in. Then it is spent.
  await codeStep(page, recovery);
  await expect(page.getByRole("heading", { name: "Consultas de hoje" })).toBeVisible();
  await context.clearCookies();
  await passwordStep(page, user.email, user.password);
  await codeStep(page, recovery);
  await expect(page.getByRole("alert").filter({ hasText: "Código inválido ou expirado." })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
});
