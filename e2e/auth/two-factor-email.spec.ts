import { expect, test } from "@playwright/test";
import { signIn } from "../support/auth";
import { createStaffUser, ownerQuery } from "../support/db";
import { waitForMail } from "../support/outbox";
import { tenantUrl } from "../support/state";

// Codes by e-mail as the second factor, with real codes read from the test SMTP catcher: turned
// on from /account (a code sent first proves the mailbox is theirs), then used to sign in; a
// wrong code is refused, logged, and the right one still works.

test.describe.configure({ timeout: 90_000 });

const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)![1]!;

test("e-mail codes: enable on /account, then sign in with the code from the e-mail", async ({ page, context }) => {
  const user = await createStaffUser("vida", "email2fa");
  await signIn(page, tenantUrl("vida", "/login"), user.email, user.password);

  await page.goto(tenantUrl("vida", "/account"));
  await page.getByRole("button", { name: "Receber códigos por e-mail" }).click();
  let since = new Date();
  await page.getByRole("button", { name: "Enviar código" }).click();
  await expect(page.getByText(/Enviamos um código de 6 dígitos para e\*\*\*@vida\.test/)).toBeVisible();
  const enrolMail = await waitForMail(user.email, { subjectIncludes: "Código de verificação", since });
  await page.getByLabel("Código de verificação").fill(codeIn(enrolMail.text));
  await page.getByRole("button", { name: "Confirmar" }).click();
  await expect(page.getByRole("list", { name: "Códigos de recuperação" }).getByRole("listitem")).toHaveCount(10);
  await page.getByRole("button", { name: "Já guardei os códigos" }).click();
  await expect(page.getByText("Método em uso: código por e-mail.")).toBeVisible();

  // Signed out: the password step sends a code and asks for it.
  await context.clearCookies();
  await page.goto(tenantUrl("vida", "/login"));
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Senha").fill(user.password);
  since = new Date();
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page.getByText(/Enviamos um código de 6 dígitos para e\*\*\*@vida\.test/)).toBeVisible();
  const mail = await waitForMail(user.email, { subjectIncludes: "Código de verificação", since });
  const code = codeIn(mail.text);

  await page.getByLabel("Código de verificação").fill(code === "123456" ? "654321" : "123456");
  await page.getByRole("button", { name: "Verificar" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Código inválido ou expirado." })).toBeVisible();
  expect(await ownerQuery("SELECT details->>'method' AS method FROM security_events WHERE user_id = $1 AND type = 'TWO_FACTOR_FAILED'", [user.id]))
    .toEqual([{ method: "email" }]);

  await page.getByLabel("Código de verificação").fill(code);
  await page.getByRole("button", { name: "Verificar" }).click();
  await expect(page.getByRole("heading", { name: "Consultas de hoje" })).toBeVisible();
  const [token] = await ownerQuery<{ consumed: boolean; code_hash: string }>(
    `SELECT consumed_at IS NOT NULL AS consumed, code_hash FROM two_factor_tokens
      WHERE user_id = $1 AND purpose = 'sign_in' AND channel = 'EMAIL' ORDER BY created_at DESC LIMIT 1`, [user.id]);
  // Spent, and never stored in clear.
  expect(token!.consumed).toBe(true);
  expect(token!.code_hash).not.toContain(code);
});
