import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { generateCpf } from "../../lib/br/documents";
import { signIn } from "../support/auth";
import { ownerQuery } from "../support/db";
import { extractLink, waitForMail } from "../support/outbox";
import { sessionFor } from "../support/sessions";
import { tenantUrl } from "../support/state";

// Staff invitations end to end: the admin invites, the mail arrives, the invited doctor creates
// their account in a browser that never signed in, and lands with a doctor's navigation.
// (That a secretary's server action is refused is proven in lib/users/mutations.int.test.ts:
// the page that holds the buttons is already 403 for them.)

const PASSWORD = "Girassol azul 2026";
// Two sign-ins, a mail round trip and an account creation: more than the default 30 s on a busy CI box.
test.describe.configure({ timeout: 120_000 });

test("an admin invites a doctor who accepts, signs in and sees a doctor's navigation", async ({ browser }) => {
  const email = `nova.medica.${randomBytes(3).toString("hex")}@example.test`;
  const admin = await browser.newContext({ storageState: await sessionFor(browser, "admin@demo.prontivus.dev") });
  const page = await admin.newPage();
  await page.goto(tenantUrl("demo", "/admin"));

  const since = new Date();
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Papel").selectOption({ label: "Médico(a)" });
  await page.getByRole("button", { name: "Enviar convite" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Convite enviado para ${email}.` })).toBeVisible({ timeout: 15_000 });
  const pending = page.getByRole("region", { name: "Convites pendentes" });
  await expect(pending.getByRole("rowheader", { name: email })).toBeVisible();
  await admin.close();

  const mail = await waitForMail(email, { subjectIncludes: "Convite", since });
  expect(mail.text).toContain("médico(a)");
  // The link names the clinic's host; follow its path on the test server's host and port.
  const path = new URL(extractLink(mail, /\/invite\//)).pathname;

  const fresh = await browser.newContext();
  const invited = await fresh.newPage();
  await invited.goto(tenantUrl("demo", path));
  await expect(invited.getByRole("heading", { name: "Criar sua conta" })).toBeVisible();
  await invited.getByLabel("Nome completo").fill("Dra. Helena Prado");
  await invited.getByLabel("CPF").fill(generateCpf());
  await invited.getByLabel(/^CRM/).fill("123456");
  await invited.getByLabel("UF do CRM").selectOption("SP");
  await invited.getByLabel(/^Senha/).fill(PASSWORD);
  await invited.getByLabel("Confirme a senha").fill(PASSWORD);
  await invited.getByRole("button", { name: "Criar conta" }).click();
  await expect(invited.getByText("Conta criada")).toBeVisible({ timeout: 15_000 });

  const [user] = await ownerQuery<{ status: string; roles: string[]; verified: boolean }>(
    `SELECT u.status, array_agg(r.role::text) AS roles, u.email_verified_at IS NOT NULL AS verified
       FROM users u JOIN user_roles r ON r.tenant_id = u.tenant_id AND r.user_id = u.id WHERE u.email = $1 GROUP BY u.tenant_id, u.id`, [email]);
  expect(user).toEqual({ status: "ACTIVE", roles: ["doctor"], verified: true });

  await invited.getByRole("link", { name: "Ir para o login" }).click();
  await signIn(invited, tenantUrl("demo", "/login"), email, PASSWORD);
  const nav = invited.getByRole("navigation", { name: "Navegação principal" }).first();
  for (const label of ["Painel", "Pacientes"]) await expect(nav.getByRole("link", { name: label })).toBeVisible();
  for (const label of ["Financeiro", "Usuários", "Auditoria"]) await expect(nav.getByRole("link", { name: label })).toHaveCount(0);

  // The link was single-use.
  await invited.goto(tenantUrl("demo", path));
  await expect(invited.getByText("Este convite é inválido ou expirou.")).toBeVisible();
  await fresh.close();
});

test("a secretary cannot reach user administration", async ({ browser }) => {
  const context = await browser.newContext({ storageState: await sessionFor(browser, "recepcao@demo.prontivus.dev") });
  const page = await context.newPage();
  const response = await page.goto(tenantUrl("demo", "/admin"));
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Acesso negado" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Enviar convite" })).toHaveCount(0);
  await context.close();
});
