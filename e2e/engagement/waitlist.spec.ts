import { expect, test } from "@playwright/test";
import { signIn } from "../support/auth";
import { ownerQuery } from "../support/db";
import { tenantUrl } from "../support/state";

// The front desk's waitlist page: find a patient, add them with a window, see the entry; a
// window that ends before it starts is refused on its field and nothing is stored.

test("the front desk adds a patient to the waitlist; a backwards window is refused in place", async ({ page }) => {
  const [patient] = await ownerQuery<{ id: string; full_name: string; social_name: string | null }>(
    `SELECT p.id, p.full_name, p.social_name FROM patients p JOIN tenants t ON t.id = p.tenant_id
     WHERE t.slug = 'demo' AND p.status = 'ACTIVE' AND p.social_name IS NULL ORDER BY p.full_name LIMIT 1`);
  const name = patient!.full_name;
  const count = async () => Number((await ownerQuery<{ n: string }>("SELECT count(*) AS n FROM waitlist_entries WHERE patient_id = $1", [patient!.id]))[0]!.n);
  const before = await count();

  await signIn(page, tenantUrl("demo", "/login"), "recepcao@demo.prontivus.dev");
  await page.goto(tenantUrl("demo", "/waitlist"));
  await page.getByLabel("Buscar paciente").fill(name.split(" ")[0]!);
  await page.getByRole("button", { name: "Buscar" }).click();
  await page.getByRole("link", { name: new RegExp(`Escolher: ${name}`) }).first().click();

  await page.getByLabel("A partir de").fill("2030-06-20");
  await page.getByLabel("Até").fill("2030-06-10");
  await page.getByRole("button", { name: "Adicionar", exact: true }).click();
  await expect(page.getByText("A data final deve ser igual ou posterior à inicial.")).toBeVisible();
  expect(await count()).toBe(before);

  await page.getByLabel("Até").fill("2030-06-30");
  await page.getByRole("button", { name: "Adicionar", exact: true }).click();
  await expect(page.getByText("Paciente adicionado à lista de espera.")).toBeVisible();
  expect(await count()).toBe(before + 1);
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(name) }).getByText("Aguardando")).toBeVisible();

  // A role without scheduling rights does not get the page.
  await page.context().clearCookies();
  await signIn(page, tenantUrl("demo", "/login"), "financeiro@demo.prontivus.dev");
  const response = await page.goto(tenantUrl("demo", "/waitlist"));
  expect(response?.status()).toBe(403);
});
