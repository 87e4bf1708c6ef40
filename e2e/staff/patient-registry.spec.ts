import { randomUUID } from "node:crypto";
import { formatCpf, generateCpf } from "@brazilian-utils/brazilian-utils";
import { expect, test, type Page } from "@playwright/test";
import { ownerQuery } from "../support/db";
import { signedInAs } from "../support/sessions";
import { tenantUrl } from "../support/state";

// The registry as the desk uses it on demo: field errors before anything is saved, quick
// pre-registration completed later, allergies, archiving; another clinic's patient is a 404 and
// a role without patients:write cannot reach the forms. Facts are re-read from the database.

const patientsNamed = (name: string) => ownerQuery<{ id: string; status: string; incomplete: boolean; cpf_hash: string | null }>(
  `SELECT p.id, p.status, p.incomplete, p.cpf_hash FROM patients p JOIN tenants t ON t.id = p.tenant_id
    WHERE t.slug = 'demo' AND p.full_name = $1`, [name]);
// The label shows a visual asterisk on required fields; the accessible name is the label alone.
const cpfBox = (page: Page) => page.getByRole("textbox", { name: "CPF", exact: true });
const uniqueName = (first: string) => `${first} Teste ${randomUUID().slice(0, 6)}`;

async function fillFullForm(page: Page, name: string, cpf: string) {
  await page.getByLabel("Nome completo").fill(name);
  await cpfBox(page).fill(cpf);
  await page.getByLabel("Data de nascimento").fill("12/08/1979");
  await page.getByLabel("Sexo").selectOption("FEMALE");
  await page.getByRole("textbox", { name: "Telefone", exact: true }).fill("(11) 98123-4567");
  await page.getByLabel("CEP").fill("01310-100");
}

test.describe("as the secretary", () => {
  test.use({ storageState: signedInAs("recepcao@demo.prontivus.dev") });

  test("an invalid CPF shows a field error and saves nothing; fixed, the patient is registered", async ({ page }) => {
    const name = uniqueName("Benedita");
    await page.goto(tenantUrl("demo", "/patients"));
    await page.getByRole("link", { name: "Novo paciente" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Novo paciente" })).toBeVisible();
    await fillFullForm(page, name, "123.456.789-00");
    await page.getByRole("button", { name: "Cadastrar paciente" }).click();
    // The message sits under the field (id patient-<field>-error) and is announced with it.
    await expect(page.locator("#patient-cpf-error")).toHaveText("CPF inválido: confira os 11 dígitos.");
    await expect(cpfBox(page)).toHaveAttribute("aria-invalid", "true");
    expect(await patientsNamed(name)).toEqual([]);

    const cpf = formatCpf(generateCpf());
    await cpfBox(page).fill(cpf);
    await page.getByRole("button", { name: "Cadastrar paciente" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText(cpf)).toBeVisible();
    const rows = await patientsNamed(name);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "ACTIVE", incomplete: false });
    expect(rows[0]!.cpf_hash).toMatch(/\S+/);

    // The same CPF again: a clear field error, and still one patient.
    await page.goto(tenantUrl("demo", "/patients/new"));
    await fillFullForm(page, uniqueName("Outra"), cpf);
    await page.getByRole("button", { name: "Cadastrar paciente" }).click();
    await expect(page.locator("#patient-cpf-error")).toHaveText("Já existe um paciente com este CPF nesta clínica.");
    await expect(cpfBox(page)).toHaveAttribute("aria-describedby", "patient-cpf-error");
    expect(await patientsNamed(name)).toHaveLength(1);
  });

  test("a quick pre-registration is found by phone and completed later", async ({ page }) => {
    const name = uniqueName("Joaquim");
    await page.goto(tenantUrl("demo", "/patients/new?modo=rapido"));
    await page.getByLabel("Nome completo").fill(name);
    await page.getByLabel("Telefone").fill("(11) 97777-1234");
    await page.getByRole("button", { name: "Pré-cadastrar" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText("Pré-cadastro", { exact: true })).toBeVisible();
    expect(await patientsNamed(name)).toMatchObject([{ incomplete: true, cpf_hash: null }]);

    await page.getByRole("link", { name: "Completar cadastro" }).click();
    await expect(page.getByLabel("Nome completo")).toHaveValue(name);
    await cpfBox(page).fill(formatCpf(generateCpf()));
    await page.getByLabel("Data de nascimento").fill("01/02/2001");
    await page.getByRole("button", { name: "Salvar alterações" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText("Pré-cadastro", { exact: true })).toHaveCount(0);
    expect(await patientsNamed(name)).toMatchObject([{ incomplete: false }]);
  });

  test("records an allergy, then archives the patient, who leaves the active list", async ({ page }) => {
    const name = uniqueName("Heloísa");
    await page.goto(tenantUrl("demo", "/patients/new?modo=rapido"));
    await page.getByLabel("Nome completo").fill(name);
    await page.getByLabel("Telefone").fill("11 96666-5555");
    await page.getByRole("button", { name: "Pré-cadastrar" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

    await page.getByLabel("Substância").fill("Dipirona");
    await page.getByLabel("Reação").fill("Urticária");
    await page.getByLabel("Gravidade").selectOption("SEVERE");
    await page.getByRole("button", { name: "Registrar alergia" }).click();
    const active = page.getByRole("list", { name: "Alergias ativas" });
    await expect(active.getByText("Dipirona", { exact: true })).toBeVisible();
    await expect(active.getByText("Grave", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Registrar que nega alergias" })).toHaveCount(0);
    const [patient] = await patientsNamed(name);
    expect(await ownerQuery("SELECT substance, severity FROM patient_allergies WHERE patient_id = $1", [patient!.id]))
      .toEqual([{ substance: "Dipirona", severity: "SEVERE" }]);

    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Arquivar paciente" }).click();
    await expect(page.getByText("Arquivado", { exact: true })).toBeVisible();
    expect(await patientsNamed(name)).toMatchObject([{ status: "ARCHIVED" }]);

    await page.goto(tenantUrl("demo", `/patients?q=${encodeURIComponent(name)}`));
    await expect(page.getByText("Nenhum paciente encontrado.")).toBeVisible();
    await page.getByRole("link", { name: "Arquivados" }).click();
    await expect(page.getByRole("rowheader", { name })).toBeVisible();
  });

  test("another clinic's patient is a 404 on every page of the record", async ({ page }) => {
    const [foreign] = await ownerQuery<{ id: string }>(
      "SELECT p.id FROM patients p JOIN tenants t ON t.id = p.tenant_id WHERE t.slug = 'vida' LIMIT 1");
    for (const path of [`/patients/${foreign!.id}`, `/patients/${foreign!.id}/edit`, `/patients/${randomUUID()}`, "/patients/nao-e-um-id"]) {
      const response = await page.goto(tenantUrl("demo", path));
      expect({ path, status: response?.status() }).toEqual({ path, status: 404 });
      await expect(page.getByRole("heading", { level: 1, name: "Página não encontrada" })).toBeVisible();
    }
  });
});

test.describe("as finance (may read, may not register)", () => {
  test.use({ storageState: signedInAs("financeiro@demo.prontivus.dev") });

  test("sees the record but no form: new and edit pages answer 403", async ({ page }) => {
    const [patient] = await ownerQuery<{ id: string; full_name: string; social_name: string | null }>(
      `SELECT p.id, p.full_name, p.social_name FROM patients p JOIN tenants t ON t.id = p.tenant_id
        WHERE t.slug = 'demo' AND p.status = 'ACTIVE' ORDER BY p.search_name LIMIT 1`);
    await page.goto(tenantUrl("demo", `/patients/${patient!.id}`));
    await expect(page.getByRole("heading", { level: 1, name: patient!.social_name ?? patient!.full_name })).toBeVisible();
    await expect(page.getByRole("link", { name: "Editar cadastro" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Arquivar paciente" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Registrar alergia" })).toHaveCount(0);
    for (const path of ["/patients/new", `/patients/${patient!.id}/edit`]) {
      const response = await page.goto(tenantUrl("demo", path));
      expect({ path, status: response?.status() }).toEqual({ path, status: 403 });
      await expect(page.getByRole("heading", { level: 1, name: "Acesso negado" })).toBeVisible();
    }
    await page.goto(tenantUrl("demo", "/patients"));
    await expect(page.getByRole("link", { name: "Novo paciente" })).toHaveCount(0);
  });
});
