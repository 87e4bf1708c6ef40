import { expect, test } from "@playwright/test";
import { generateCpf } from "../../lib/br/documents";
import { signIn } from "../support/auth";
import { ownerQuery } from "../support/db";
import { waitForMail } from "../support/outbox";
import { tenantUrl } from "../support/state";

// Sign-up → code by e-mail → confirm → sign in, through the real pages, the real SMTP catcher
// and the production build, on the demo clinic's portal. A fresh CPF and e-mail per run.

const PASSWORD = "girassol azul 2031";

test("a patient signs up on the portal, confirms the e-mail code and lands on /portal", async ({ page }) => {
  const email = `signup-${Date.now().toString(36)}@demo.test`;
  const since = new Date();
  await page.goto(tenantUrl("demo", "/portal/signup"));
  await page.getByLabel("Nome completo").fill("Helena Duarte Ramos");
  await page.getByLabel("CPF").fill(generateCpf());
  await page.getByLabel("Data de nascimento").fill("07/09/1990");
  await page.getByRole("textbox", { name: "E-mail" }).fill(email);
  await page.getByLabel("Celular").fill("(21) 99876-5432");
  await page.getByLabel("Senha").fill(PASSWORD);
  await page.getByRole("checkbox", { name: /Li e aceito/ }).check();
  await page.getByRole("button", { name: "Criar conta" }).click();
  await expect(page.getByRole("status")).toContainText("Enviamos um código de confirmação");

  // Not yet confirmed: the account exists but cannot sign in.
  const [pending] = await ownerQuery<{ status: string }>("SELECT status FROM users WHERE email = $1", [email]);
  expect(pending?.status).toBe("PENDING_VERIFICATION");

  const mail = await waitForMail(email, { subjectIncludes: "Código de confirmação", since });
  const code = /confirmação é (\d{6})/.exec(mail.text)?.[1];
  expect(code).toMatch(/^\d{6}$/);
  await page.getByLabel("Código de confirmação").fill(code!);
  await page.getByRole("button", { name: "Confirmar" }).click();
  await expect(page.getByRole("status").filter({ hasText: "E-mail confirmado" })).toBeVisible();

  await page.getByRole("link", { name: "Ir para o login" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, tenantUrl("demo", "/login"), email, PASSWORD);
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole("heading", { name: /Helena/ })).toBeVisible();
});
