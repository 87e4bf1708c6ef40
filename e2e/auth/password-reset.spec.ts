import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../support/auth";
import { createStaffUser, ownerQuery } from "../support/db";
import { extractLink, waitForMail } from "../support/outbox";
import { tenantUrl } from "../support/state";

// Forgot → mail → reset → sign in, through the real pages, the real SMTP catcher and the
// production build. A user of its own (not a seeded demo login other specs rely on).


const NEW_PASSWORD = "girassol azul 2031";

async function requestLink(page: Page, email: string): Promise<string> {
  const since = new Date();
  await page.goto(tenantUrl("vida", "/login"));
  await page.getByRole("link", { name: "Esqueci minha senha" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Enviar link" }).click();
  await expect(page.getByRole("status")).toContainText("Se o e-mail estiver cadastrado, você receberá um link em instantes.");
  const mail = await waitForMail(email, { subjectIncludes: "Redefinição de senha", since });
  // The link's scheme follows NODE_ENV (https in production); the e2e server speaks http.
  return new URL(extractLink(mail, /\/reset-password\//)).pathname;
}

async function chooseNewPassword(page: Page, path: string, password: string) {
  await page.goto(tenantUrl("vida", path));
  await page.getByRole("textbox", { name: "Nova senha", exact: true }).fill(password);
  await page.getByLabel("Confirme a nova senha").fill(password);
  await page.getByRole("button", { name: "Salvar nova senha" }).click();
}

test("forgot password: the mailed link sets a new password, and the session open elsewhere ends", async ({ browser }) => {
  const user = await createStaffUser("vida", "reset");
  const a = await (await browser.newContext()).newPage();
  await signIn(a, tenantUrl("vida", "/login"), user.email, user.password);

  const b = await (await browser.newContext()).newPage();
  const path = await requestLink(b, user.email);

  // A weak password is refused in place, with the policy's own words, and the link survives.
  await chooseNewPassword(b, path, "flamengo2019");
  await expect(b.getByText("Esta senha é muito comum")).toBeVisible();

  await chooseNewPassword(b, path, NEW_PASSWORD);
  await expect(b.getByRole("status")).toContainText("Senha alterada.");
  await b.getByRole("link", { name: "Ir para o login" }).click();
  await signIn(b, tenantUrl("vida", "/login"), user.email, NEW_PASSWORD);

  // Context A signed in before the reset: its next navigation lands on the sign-in page.
  await a.goto(tenantUrl("vida", "/"));
  await expect(a).toHaveURL(/\/login$/);
  await expect(a.getByText("Sua sessão expirou. Entre novamente.")).toBeVisible();

  // The link was single-use.
  await b.goto(tenantUrl("vida", path));
  await expect(b.getByRole("alert").filter({ hasText: "Este link de redefinição é inválido ou expirou. Peça um novo." })).toBeVisible();
  await expect(b.getByRole("link", { name: "Pedir um novo link" })).toBeVisible();
});

test("forgot password answers the same for an unknown e-mail, and nothing is issued", async ({ page }) => {
  const [before] = await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM password_reset_tokens");
  await page.goto(tenantUrl("vida", "/forgot-password"));
  await page.getByLabel("E-mail").fill("ninguem-aqui@vida.prontivus.dev");
  await page.getByRole("button", { name: "Enviar link" }).click();
  await expect(page.getByRole("status")).toContainText("Se o e-mail estiver cadastrado, você receberá um link em instantes.");
  const [after] = await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM password_reset_tokens");
  expect(after!.n).toBe(before!.n);
});

test("an unknown reset link shows the invalid-link message", async ({ page }) => {
  await page.goto(tenantUrl("vida", `/reset-password/${"x".repeat(43)}`));
  await expect(page.getByRole("alert").filter({ hasText: "Este link de redefinição é inválido ou expirou." })).toBeVisible();
});
