import { expect, test } from "@playwright/test";
import { ownerQuery } from "../support/db";
import { signedInAs } from "../support/sessions";
import { tenantUrl } from "../support/state";

// The clinic's own medications (/admin/medications) and the optional coding of an allergy to
// the drug catalogue, in the browser. The search over them and every refusal are proven against
// the API and the domain in lib/prescriptions/catalogue/*.int.test.ts; here: the pages do it.

const RUN = Date.now().toString(36);

test.describe("as the clinic's admin", () => {
  test.use({ storageState: signedInAs("admin@demo.prontivus.dev") });

  test("adds an item coded to a catalogue ingredient, sees it listed, deactivates it", async ({ page }) => {
    const name = `Gel manipulado de lidocaína ${RUN}`;
    await page.goto(tenantUrl("demo", "/admin/medications"));
    await expect(page.getByRole("heading", { level: 1, name: "Medicamentos da clínica" })).toBeVisible();
    const form = page.getByRole("form", { name: "Novo item" });
    await form.getByLabel("Nome").fill(name);
    await form.getByLabel("Apresentação").fill("bisnaga 30 g");
    const ingredient = form.getByRole("combobox", { name: /Princípio ativo/ });
    await ingredient.fill("lidoca");
    await page.getByRole("option", { name: /^lidocaína/ }).click();
    await expect(form.getByText("Codificado como lidocaína")).toBeVisible();
    await form.getByRole("button", { name: "Adicionar" }).click();
    await expect(page.getByText("Item adicionado.")).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText("bisnaga 30 g");
    await expect(row).toContainText("Ativo");
    const [stored] = await ownerQuery<{ ingredient: string; inactive_at: Date | null }>(
      `SELECT i.name AS ingredient, c.inactive_at FROM clinic_medications c JOIN drug_ingredients i ON i.id = c.ingredient_id WHERE c.name = $1`, [name]);
    expect(stored).toMatchObject({ ingredient: "lidocaína", inactive_at: null });

    await row.getByRole("button", { name: `Desativar ${name}` }).click();
    await expect(page.getByText("Item desativado.")).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Inativo");
  });

  test("a name too short is refused in place and nothing is saved", async ({ page }) => {
    await page.goto(tenantUrl("demo", "/admin/medications"));
    const count = async () => (await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM clinic_medications"))[0]!.n;
    const before = await count();
    const form = page.getByRole("form", { name: "Novo item" });
    await form.getByLabel("Nome").fill("x");
    await form.getByRole("button", { name: "Adicionar" }).click();
    await expect(form.getByText("Informe o nome (ao menos 2 caracteres).")).toBeVisible();
    expect(await count()).toBe(before);
  });
});

test.describe("as a doctor", () => {
  test.use({ storageState: signedInAs("medica@demo.prontivus.dev") });

  test("records an allergy coded to a class; the clinic items page is not theirs", async ({ page }) => {
    const [patient] = await ownerQuery<{ id: string }>(
      `SELECT p.id FROM patients p JOIN tenants t ON t.id = p.tenant_id
        WHERE t.slug = 'demo' AND p.status = 'ACTIVE' ORDER BY p.search_name OFFSET 7 LIMIT 1`);
    await page.goto(tenantUrl("demo", `/patients/${patient!.id}`));
    const form = page.getByRole("form", { name: "Registrar alergia" });
    await form.getByLabel("Substância").fill(`Penicilina ${RUN}`);
    await form.getByLabel("Gravidade").selectOption({ label: "Grave" });
    await form.getByRole("combobox", { name: "Princípio ativo ou classe" }).fill("penicil");
    await page.getByRole("option", { name: /^penicilinas/ }).click();
    await form.getByRole("button", { name: "Registrar alergia" }).click();
    await expect(page.getByRole("list", { name: "Alergias ativas" }).getByText(/Codificado como penicilinas/)).toBeVisible();
    const [stored] = await ownerQuery<{ drug_class: string | null }>("SELECT drug_class FROM patient_allergies WHERE substance = $1", [`Penicilina ${RUN}`]);
    expect(stored).toEqual({ drug_class: "penicillin" });

    const response = await page.goto(tenantUrl("demo", "/admin/medications"));
    expect(response?.status()).toBe(403);
  });
});
