import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "../support/auth";
import { createStaffUser, ownerQuery } from "../support/db";
import { signedInAs } from "../support/sessions";
import { tenantUrl } from "../support/state";

// Web sessions end on the server: for inactivity, from another device, or because the account
// was disabled; the next navigation lands on the sign-in page, which says why. Each test uses
// accounts of its own, so no seeded login other specs share is signed out.

async function signedInPage(browser: Browser, user: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, tenantUrl("vida", "/login"), user.email, user.password);
  return page;
}

// A change made by SQL reaches the server's session cache by NOTIFY, within a second rather than
// before the next request (e2e/security/revocation.spec.ts measures it): navigate until it lands.
async function expectSentToSignIn(page: Page, notice: string) {
  await expect(async () => {
    await page.goto(tenantUrl("vida", "/patients"));
    await expect(page).toHaveURL(tenantUrl("vida", "/login"), { timeout: 1_000 });
  }).toPass();
  await expect(page.getByText(notice)).toBeVisible();
}

test("a session idle past the clinic's limit ends, and the sign-in page says so", async ({ browser }) => {
  const user = await createStaffUser("vida", "idle");
  const page = await signedInPage(browser, user);
  await page.goto(tenantUrl("vida", "/account"));
  await expect(page.getByRole("table", { name: "Sessões ativas" })).toContainText("Este dispositivo");

  // 16 minutes without a request (the seeded clinics allow 15).
  await ownerQuery("UPDATE user_sessions SET last_seen_at = now() - interval '16 minutes' WHERE user_id = $1 AND revoked_at IS NULL", [user.id]);
  await expectSentToSignIn(page, "Sua sessão foi encerrada por inatividade. Entre novamente.");
  expect(await ownerQuery("SELECT revoke_reason FROM user_sessions WHERE user_id = $1", [user.id])).toEqual([{ revoke_reason: "idle" }]);
  await page.context().close();
});

test("ending another device's session, then signing out everywhere, from the account page", async ({ browser }) => {
  const user = await createStaffUser("vida", "everywhere");
  const a = await signedInPage(browser, user);
  const b = await signedInPage(browser, user);

  await b.goto(tenantUrl("vida", "/account"));
  const table = b.getByRole("table", { name: "Sessões ativas" });
  await expect(table.getByRole("row")).toHaveCount(3); // header + two sessions
  await table.getByRole("button", { name: /^Encerrar/ }).click();
  await expect(table.getByRole("row")).toHaveCount(2);
  await expectSentToSignIn(a, "Sua sessão foi encerrada em outro dispositivo. Entre novamente.");

  await signIn(a, tenantUrl("vida", "/login"), user.email, user.password);
  await b.reload();
  await b.getByRole("button", { name: "Sair de todos os dispositivos" }).click();
  await b.getByRole("button", { name: "Confirmar: sair de todos os dispositivos" }).click();
  await expect(b).toHaveURL(tenantUrl("vida", "/login"));
  await expectSentToSignIn(a, 'Sua sessão foi encerrada em outro dispositivo ("sair de todos os dispositivos"). Entre novamente.');
  expect(await ownerQuery("SELECT count(*)::int AS n FROM user_sessions WHERE user_id = $1 AND revoked_at IS NULL", [user.id])).toEqual([{ n: 0 }]);
  await a.context().close();
  await b.context().close();
});

test("signing out ends the session's row, not only the cookie", async ({ browser }) => {
  const user = await createStaffUser("vida", "signout");
  const page = await signedInPage(browser, user);
  await page.getByRole("button", { name: "Sair" }).first().click();
  await expect(page).toHaveURL(tenantUrl("vida", "/login"));
  await expect.poll(async () => ownerQuery("SELECT revoke_reason FROM user_sessions WHERE user_id = $1", [user.id]))
    .toEqual([{ revoke_reason: "signed_out" }]);
  await page.context().close();
});

test("a disabled account's open session is refused at its next request, with a clear message, and logged", async ({ browser }) => {
  const user = await createStaffUser("vida", "disabled");
  const page = await signedInPage(browser, user);
  await ownerQuery("UPDATE users SET status = 'DISABLED' WHERE id = $1", [user.id]);
  const before = await ownerQuery("SELECT status, session_version, failed_login_count, locked_at FROM users WHERE id = $1", [user.id]);
  await expectSentToSignIn(page, "Sua conta está desativada. Fale com a administração da clínica.");
  expect(await ownerQuery("SELECT type, severity FROM security_events WHERE user_id = $1 AND type = 'SESSION_REVOKED'", [user.id]))
    .toEqual([{ type: "SESSION_REVOKED", severity: "MEDIUM" }]);
  expect(await ownerQuery("SELECT status, session_version, failed_login_count, locked_at FROM users WHERE id = $1", [user.id])).toEqual(before);
  await page.context().close();
});

test.describe("clinic settings", () => {
  test.describe("as the admin", () => {
    test.use({ storageState: signedInAs("admin@vida.prontivus.dev") });

    test("are edited with field errors in place and saved", async ({ page }) => {
      await page.goto(tenantUrl("vida", "/"));
      await page.getByRole("navigation", { name: "Navegação principal" }).getByRole("link", { name: "Configurações" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Configurações da clínica" })).toBeVisible();
      const reminders = page.getByLabel("Lembretes antes da consulta (horas)");
      await expect(reminders).toHaveValue("24, 2");
      await reminders.fill("24, duas");
      await page.getByRole("button", { name: "Salvar" }).click();
      await expect(page.getByText("Informe horas inteiras entre 1 e 168, separadas por vírgula.")).toBeVisible();
      await reminders.fill("48, 24, 2");
      await page.getByRole("button", { name: "Salvar" }).click();
      await expect(page.getByText("Configurações salvas.")).toBeVisible();
      await page.reload();
      await expect(reminders).toHaveValue("48, 24, 2");
      const [row] = await ownerQuery<{ offsets: number[] }>("SELECT settings->'scheduling'->'reminderOffsetsMinutes' AS offsets FROM tenants WHERE slug = 'vida'");
      expect(row!.offsets).toEqual([2880, 1440, 120]);
      // Back to what other specs of this clinic expect (saved through the form: the cache follows).
      await reminders.fill("24, 2");
      await page.getByRole("button", { name: "Salvar" }).click();
      await expect.poll(async () => (await ownerQuery<{ offsets: number[] }>(
        "SELECT settings->'scheduling'->'reminderOffsetsMinutes' AS offsets FROM tenants WHERE slug = 'vida'"))[0]!.offsets).toEqual([1440, 120]);
    });
  });

  test.describe("as the secretary", () => {
    test.use({ storageState: signedInAs("recepcao@vida.prontivus.dev") });

    test("are refused (403) and not offered", async ({ page }) => {
      const response = await page.goto(tenantUrl("vida", "/admin/settings"));
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { level: 1, name: "Acesso negado" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Configurações" })).toHaveCount(0);
    });
  });
});
