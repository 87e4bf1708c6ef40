import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../support/auth";
import { createStaffUser, ownerQuery } from "../support/db";
import { tenantUrl } from "../support/state";
import { freshCode } from "../support/totp";

// A staff member turns on TOTP on /account (reading the manual key off the page, as someone
// without a camera would), then signs in in two steps; a replayed code is refused with its own
// message, logged, and changes nothing else; a recovery code works once. Codes by e-mail:
// two-factor-email.spec.ts; a clinic that demands 2FA: two-factor-required.spec.ts.

test.describe.configure({ timeout: 90_000 }); // waits for a fresh 30 s TOTP step

async function passwordStep(page: Page, email: string, password: string) {
  await page.goto(tenantUrl("vida", "/login"));
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Senha").fill(password);
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page.getByText("Digite o código de 6 dígitos do seu aplicativo autenticador.")).toBeVisible();
}

/** What a refused code must not change: the accepted TOTP step, the user's sessions, the factor. */
async function accountState(userId: string) {
  const [row] = await ownerQuery<{ totp_last_step: string; totp_enabled_at: Date; failed_login_count: number; sessions: number; recovery_left: number }>(
    `SELECT u.totp_last_step::text, u.totp_enabled_at, u.failed_login_count,
            (SELECT count(*)::int FROM user_sessions s WHERE s.user_id = u.id) AS sessions,
            (SELECT count(*)::int FROM two_factor_tokens t WHERE t.user_id = u.id AND t.consumed_at IS NULL) AS recovery_left
       FROM users u WHERE u.id = $1`, [userId]);
  return row!;
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

  // The same code again, in its own 30 s window: refused as a replay, logged, nothing else changed.
  await context.clearCookies();
  await passwordStep(page, user.email, user.password);
  const before = await accountState(user.id);
  await codeStep(page, used.code);
  await expect(page.getByRole("alert").filter({ hasText: "Este código já foi usado. Aguarde o próximo código do aplicativo autenticador." })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  expect(await ownerQuery("SELECT type FROM security_events WHERE user_id = $1 AND type = 'TWO_FACTOR_REPLAY'", [user.id]))
    .toEqual([{ type: "TWO_FACTOR_REPLAY" }]);
  // The refusal counts toward lockout (as any wrong code does) and nothing else moved.
  expect(await accountState(user.id)).toEqual({ ...before, failed_login_count: before.failed_login_count + 1 });

  // A recovery code instead, on the same challenge: in. Then it is spent.
  await codeStep(page, recovery);
  await expect(page.getByRole("heading", { name: "Consultas de hoje" })).toBeVisible();
  await context.clearCookies();
  await passwordStep(page, user.email, user.password);
  await codeStep(page, recovery);
  await expect(page.getByRole("alert").filter({ hasText: "Código inválido ou expirado." })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
});
