import { expect, test, type Page } from "@playwright/test";
import { ownerQuery } from "../support/db";
import { signedInAs } from "../support/sessions";
import { tenantUrl } from "../support/state";

// The secretary's patient list on demo: paging (alphabetical, byte order of the accent-free
// name), accent- and case-blind name search, CPF search, and search text an attacker would type. Expected values come from the database (as owner).

type PatientRow = { id: string; full_name: string; social_name: string | null; search_name: string; has_cpf: boolean };

const activeDemoPatients = () => ownerQuery<PatientRow>(
  `SELECT p.id, p.full_name, p.social_name, p.search_name, p.cpf_enc IS NOT NULL AS has_cpf
     FROM patients p JOIN tenants t ON t.id = p.tenant_id
    WHERE t.slug = 'demo' AND p.status = 'ACTIVE'
    ORDER BY p.search_name COLLATE "C", p.id`);

const totalText = (n: number) => (n === 0 ? "Nenhum paciente" : n === 1 ? "1 paciente" : `${new Intl.NumberFormat("pt-BR").format(n)} pacientes`);
const stripAccents = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "");
/** What the name column shows: the social name leads, the civil name follows in parentheses. */
const shownName = (p: PatientRow) => (p.social_name ? `${p.social_name} (${p.full_name})` : p.full_name);

const patientsTable = (page: Page) => page.getByRole("table", { name: "Pacientes" });
const bodyRows = (page: Page) => patientsTable(page).locator("tbody tr");

async function search(page: Page, text: string) {
  const box = page.getByRole("searchbox");
  await box.fill(text);
  await box.press("Enter");
  await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(text.trim());
}

test.use({ storageState: signedInAs("recepcao@demo.prontivus.dev") });

test("lists the clinic's active patients, 20 a page, and pages through them", async ({ page }) => {
  const patients = await activeDemoPatients();
  expect(patients.length).toBeGreaterThan(20);
  const pageCount = Math.ceil(patients.length / 20);

  const response = await page.goto(tenantUrl("demo", "/patients"));
  expect(response?.status()).toBe(200);
  await expect(page.getByText(totalText(patients.length), { exact: true })).toBeVisible();
  await expect(bodyRows(page)).toHaveCount(20);
  await expect(page.getByText(`Página 1 de ${pageCount}`)).toBeVisible();
  await expect(bodyRows(page).first().getByRole("rowheader")).toHaveText(shownName(patients[0]!));

  await page.getByRole("link", { name: "Próxima página" }).click();
  await expect(page).toHaveURL(tenantUrl("demo", "/patients?page=2"));
  await expect(page.getByText(`Página 2 de ${pageCount}`)).toBeVisible();
  await expect(bodyRows(page)).toHaveCount(20);
  await expect(bodyRows(page).first().getByRole("rowheader")).toHaveText(shownName(patients[20]!));
  await expect(bodyRows(page).first().getByRole("rowheader")).not.toHaveText(shownName(patients[0]!));

  await page.getByRole("link", { name: "Página anterior" }).click();
  await expect(page).toHaveURL(tenantUrl("demo", "/patients"));
  await expect(bodyRows(page).first().getByRole("rowheader")).toHaveText(shownName(patients[0]!));
});

test("finds an accented name from an unaccented upper-case prefix, then the same patient by CPF", async ({ page }) => {
  const patients = await activeDemoPatients();
  // A patient with a CPF and an accent before the last letter of the name: the query below,
  // the name minus its last letter, then drops a real accent.
  const patient = patients.find((p) => !p.social_name && p.has_cpf && stripAccents(p.full_name.slice(0, -1)) !== p.full_name.slice(0, -1));
  if (!patient) throw new Error("the seed no longer has an accented patient name");
  const query = stripAccents(patient.full_name).slice(0, -1).toUpperCase();
  // Several words: each must start a word of the name (search_name holds the social name too).
  const terms = query.toLowerCase().split(" ");
  const expected = patients.filter((p) => terms.every((w) => ` ${p.search_name}`.includes(` ${w}`)));

  await page.goto(tenantUrl("demo", "/patients"));
  await search(page, query);
  await expect(page.getByText(totalText(expected.length), { exact: true })).toBeVisible();
  await expect(bodyRows(page)).toHaveCount(Math.min(expected.length, 20));
  const row = bodyRows(page).filter({ has: page.getByRole("rowheader", { name: patient.full_name, exact: true }) });
  await expect(row).toHaveCount(1);

  // The CPF is shown formatted; searching it (formatted, then as bare digits) finds only them.
  const cpf = (await row.getByRole("cell").first().textContent())?.trim() ?? "";
  expect(cpf).toMatch(/^\d{3}\.\d{3}\.\d{3}-\d{2}$/);
  for (const text of [cpf, cpf.replace(/\D/g, "")]) {
    await search(page, text);
    await expect(page.getByText("1 paciente", { exact: true })).toBeVisible();
    await expect(bodyRows(page)).toHaveCount(1);
    await expect(bodyRows(page).first().getByRole("rowheader")).toHaveText(patient.full_name);
    await expect(bodyRows(page).first().getByRole("cell").first()).toHaveText(cpf);
  }
});

test("treats quotes, wildcards and SQL in the search as plain text", async ({ page }) => {
  const snapshot = async () => ({
    tables: (await ownerQuery<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).map((r) => r.name),
    patients: await ownerQuery("SELECT tenant_id, status, count(*)::int AS n FROM patients GROUP BY 1, 2 ORDER BY 1, 2"),
  });
  const before = await snapshot();
  expect(before.tables).toContain("patients");

  await page.goto(tenantUrl("demo", "/patients"));
  await expect(bodyRows(page)).toHaveCount(20);
  for (const text of [`'`, `"`, `"Maria"`, `%`, `%a%`, `_`, `a_a`, `\\`, `' OR 1=1 --`, `"; DROP TABLE patients; --`]) {
    await search(page, text);
    await expect(patientsTable(page).getByText("Nenhum paciente encontrado.")).toBeVisible();
    await expect(bodyRows(page)).toHaveCount(1);
    await expect(page.getByText("Nenhum paciente", { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Algo deu errado" })).toHaveCount(0);
    await expect(page.getByRole("searchbox")).toHaveValue(text);
    // The full page for this search, fetched by the browser with its session: a normal answer.
    const answer = await page.evaluate(async (href) => {
      const res = await fetch(href);
      return { status: res.status, html: await res.text() };
    }, `?q=${encodeURIComponent(text)}`);
    expect({ text, status: answer.status }).toEqual({ text, status: 200 });
    expect(answer.html).toContain("Nenhum paciente encontrado.");
  }

  expect(await snapshot()).toEqual(before);
});
