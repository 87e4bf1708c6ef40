import { expect, test, type Page } from "@playwright/test";
import { randomBytes, randomUUID } from "node:crypto";
import { generateCnpj, generateCpf } from "../../lib/br/documents";
import { hashPassword } from "../../lib/crypto/password";
import { signIn } from "../support/auth";
import { ownerQuery } from "../support/db";
import { extractLink, waitForMail } from "../support/outbox";
import { tenantUrl } from "../support/state";
import { freshCode } from "../support/totp";

// A clinic that demands a second factor from doctors: the admin invites a doctor, the doctor
// accepts, signs in with the password and is held on the enrolment page (every staff page sends
// them back there) until TOTP is on (codes generated with otplib from the key on the page);
// signed out, they sign in again with the password and a TOTP code.
//
// The seeded demo clinics require no 2FA (a demo choice, prisma/seed/tenants.ts), so this spec
// makes a clinic of its own with the setting on.

test.describe.configure({ timeout: 150_000 }); // waits for fresh 30 s TOTP steps

const PASSWORD = "Girassol azul 2026";

async function clinicRequiringDoctors2fa() {
  const slug = `seg-${randomBytes(3).toString("hex")}`;
  const [tenant] = await ownerQuery<{ id: string }>(
    `INSERT INTO tenants (id, slug, name, legal_name, cnpj, status, settings, time_zone, updated_at)
     VALUES ($1, $2, $3, $4, $5, 'ACTIVE', $6, 'America/Sao_Paulo', now()) RETURNING id`,
    [randomUUID(), slug, `Clínica Segura ${slug}`, `Clínica Segura ${slug} Ltda`, generateCnpj(),
      JSON.stringify({ security: { twoFactorRequiredRoles: ["doctor"] } })]);
  const admin = { email: `admin@${slug}.test`, password: PASSWORD };
  const [row] = await ownerQuery<{ id: string }>(
    `INSERT INTO users (id, tenant_id, email, name, password_hash, status, updated_at)
     VALUES (gen_random_uuid(), $1, $2, 'Administradora Segura', $3, 'ACTIVE', now()) RETURNING id`,
    [tenant!.id, admin.email, await hashPassword(admin.password)]);
  await ownerQuery("INSERT INTO user_roles (id, tenant_id, user_id, role) VALUES (gen_random_uuid(), $1, $2, 'admin')", [tenant!.id, row!.id]);
  return { slug, admin };
}

async function passwordStep(page: Page, url: string, email: string) {
  await page.goto(url);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Senha").fill(PASSWORD);
  await page.getByRole("button", { name: "Entrar" }).click();
}

test("invite → accept → first sign-in held until TOTP is on → sign out → sign in with TOTP", async ({ browser }) => {
  const { slug, admin } = await clinicRequiringDoctors2fa();
  const email = `dra.segura.${randomBytes(3).toString("hex")}@example.test`;

  // The admin (not on the clinic's list) signs in with the password alone and invites.
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, tenantUrl(slug, "/login"), admin.email, admin.password);
  await adminPage.goto(tenantUrl(slug, "/admin"));
  const since = new Date();
  await adminPage.getByLabel("E-mail").fill(email);
  await adminPage.getByLabel("Papel").selectOption({ label: "Médico(a)" });
  await adminPage.getByRole("button", { name: "Enviar convite" }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: `Convite enviado para ${email}.` })).toBeVisible({ timeout: 15_000 });
  await adminContext.close();

  const mail = await waitForMail(email, { subjectIncludes: "Convite", since });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(tenantUrl(slug, new URL(extractLink(mail, /\/invite\//)).pathname));
  await page.getByLabel("Nome completo").fill("Dra. Beatriz Segura");
  await page.getByLabel("CPF").fill(generateCpf());
  await page.getByLabel(/^CRM/).fill("223344");
  await page.getByLabel("UF do CRM").selectOption("SP");
  await page.getByLabel(/^Senha/).fill(PASSWORD);
  await page.getByLabel("Confirme a senha").fill(PASSWORD);
  await page.getByRole("button", { name: "Criar conta" }).click();
  await expect(page.getByText("Conta criada")).toBeVisible({ timeout: 15_000 });

  // First sign-in: the password is enough to get in, but only as far as enrolment.
  await passwordStep(page, tenantUrl(slug, "/login"), email);
  await expect(page).toHaveURL(/\/two-factor-setup$/);
  await expect(page.getByRole("heading", { name: "Ative a verificação em duas etapas" })).toBeVisible();
  for (const path of ["/", "/patients", "/account"]) {
    await page.goto(tenantUrl(slug, path));
    await expect(page).toHaveURL(/\/two-factor-setup$/);
  }

  await page.getByRole("button", { name: "Ativar verificação em duas etapas" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  let used = await freshCode(secret, 0);
  await page.getByLabel("Código de verificação").fill(used.code);
  await page.getByRole("button", { name: "Confirmar" }).click();
  await expect(page.getByRole("list", { name: "Códigos de recuperação" }).getByRole("listitem")).toHaveCount(10);
  await page.getByRole("button", { name: "Já guardei os códigos" }).click();
  await expect(page.getByRole("heading", { name: "Consultas de hoje" })).toBeVisible();
  const [row] = await ownerQuery<{ on: boolean }>("SELECT totp_enabled_at IS NOT NULL AS on FROM users WHERE email = $1", [email]);
  expect(row).toEqual({ on: true });

  // Sign out through the shell, then in again: password, then a TOTP code.
  await page.getByRole("button", { name: "Sair", exact: true }).filter({ visible: true }).first().click();
  await expect(page).toHaveURL(/\/login/);
  await passwordStep(page, tenantUrl(slug, "/login"), email);
  await expect(page.getByText("Digite o código de 6 dígitos do seu aplicativo autenticador.")).toBeVisible();
  used = await freshCode(secret, used.step);
  await page.getByLabel("Código de verificação").fill(used.code);
  await page.getByRole("button", { name: "Verificar" }).click();
  await expect(page.getByRole("heading", { name: "Consultas de hoje" })).toBeVisible();
  await context.close();
});
