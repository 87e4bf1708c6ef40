import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../support/auth";
import { createStaffUser, ownerQuery } from "../support/db";
import { extractLink, waitForMail } from "../support/outbox";
import { tenantUrl } from "../support/state";

// Ten wrong passwords through the real form lock the account; the right one is then refused
// with the same generic message; a password reset still gets the owner back in.


async function attempt(page: Page, email: string, password: string) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Senha").fill(password);
  const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await page.getByRole("button", { name: "Entrar" }).click();
  await answered;
  await expect(page.getByRole("alert").filter({ hasText: "E-mail ou senha inválidos." })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
}

test.describe.configure({ timeout: 60_000 }); // ten form round trips, a mail and a reset

test("ten failures lock the account; the right password then gets the generic message; a reset unlocks it", async ({ page }) => {
  const user = await createStaffUser("vida", "lockout");
  await page.goto(tenantUrl("vida", "/login"));
  for (let i = 0; i < 10; i++) await attempt(page, user.email, `senha-errada-${i}`);

  const [row] = await ownerQuery<{ locked: boolean; n: number }>(
    "SELECT locked_at IS NOT NULL AS locked, failed_login_count AS n FROM users WHERE id = $1", [user.id]);
  expect(row).toEqual({ locked: true, n: 10 });
  expect(await ownerQuery("SELECT type FROM security_events WHERE user_id = $1 AND type = 'ACCOUNT_LOCKED'", [user.id]))
    .toEqual([{ type: "ACCOUNT_LOCKED" }]);

  await attempt(page, user.email, user.password);

  // The owner can still reset through their mailbox, which lifts the lock.
  const since = new Date();
  await page.goto(tenantUrl("vida", "/forgot-password"));
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByRole("button", { name: "Enviar link" }).click();
  await expect(page.getByRole("status")).toContainText("Se o e-mail estiver cadastrado");
  const mail = await waitForMail(user.email, { subjectIncludes: "Redefinição de senha", since });
  await page.goto(tenantUrl("vida", new URL(extractLink(mail, /\/reset-password\//)).pathname));
  await page.getByRole("textbox", { name: "Nova senha", exact: true }).fill("cafe coado 4 xicaras");
  await page.getByLabel("Confirme a nova senha").fill("cafe coado 4 xicaras");
  await page.getByRole("button", { name: "Salvar nova senha" }).click();
  await expect(page.getByRole("status")).toContainText("Senha alterada.");

  await signIn(page, tenantUrl("vida", "/login"), user.email, "cafe coado 4 xicaras");
});
