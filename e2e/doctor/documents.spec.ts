import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { flat, pdfTextOf, qrCodesOf } from "../../lib/documents/testing/pdf";
import { ownerQuery } from "../support/db";
import { sessionFor } from "../support/sessions";
import { DEMO_PASSWORD, tenantUrl } from "../support/state";

// A doctor issues an atestado from the chart, downloads the signed PDF, and the URL in its QR
// code (decoded from the PDF's own image) opens the clinic's public page saying VÁLIDO, with the
// doctor's name and CRM and nothing of the patient but initials. The front desk sees no panel.

const DOCTOR = "medica@demo.prontivus.dev";
const SECRETARY = "recepcao@demo.prontivus.dev";
const suffix = Date.now().toString(36);
const PATIENT = `Helena Documentos Teste ${suffix}`;
const slow = expect.configure({ timeout: 20_000 });

async function pageAs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ storageState: await sessionFor(browser, email), acceptDownloads: true });
  return context.newPage();
}

/** A fresh patient and an open encounter of the demo doctor for them, through the API. */
async function encounter(page: Page): Promise<string> {
  const [p] = await ownerQuery<{ id: string }>(
    `INSERT INTO patients (id, tenant_id, full_name, search_name, updated_at)
     SELECT gen_random_uuid(), id, $1, $2, now() FROM tenants WHERE slug = 'demo' RETURNING id`, [PATIENT, PATIENT.toLowerCase()]);
  const answer = await page.evaluate(async ({ email, password, patientId }) => {
    const login = await fetch("/api/v1/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const res = await fetch("/api/v1/medical-records", {
      method: "POST", headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" }, body: JSON.stringify({ patientId }),
    });
    return { status: res.status, body: (await res.json()) as { id: string } };
  }, { email: DOCTOR, password: DEMO_PASSWORD, patientId: p!.id });
  expect(answer.status).toBe(201);
  return answer.body.id;
}

test("a doctor issues an atestado from the chart; its PDF's QR code opens a page that says valid", async ({ browser }) => {
  test.setTimeout(120_000);
  const doctor = await pageAs(browser, DOCTOR);
  await doctor.goto(tenantUrl("demo", "/"));
  const recordId = await encounter(doctor);
  await doctor.goto(tenantUrl("demo", `/records/${recordId}`));

  const panel = doctor.getByTestId("documents-panel");
  await slow(panel.getByText("Nenhum documento emitido neste atendimento.")).toBeVisible();
  await panel.getByLabel("Tipo de documento").selectOption({ label: "Atestado médico" });
  await panel.getByLabel("Dias de afastamento").fill("2");
  await panel.getByRole("button", { name: "Assinar e emitir" }).click();
  await slow(panel.getByText(/Atestado médico emitido e assinado\. Código [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\./)).toBeVisible();
  const row = panel.getByTestId("document-row").filter({ hasText: "Atestado médico" });
  await slow(row).toHaveCount(1);
  await slow(row).toContainText("Emitido");

  const download = doctor.waitForEvent("download");
  await row.getByRole("link", { name: /Baixar PDF de Atestado médico/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^atestado-\d{4}-\d{2}-\d{2}-[0-9A-Z]{12}\.pdf$/);
  const pdf = await readFile((await file.path())!);
  const text = flat(await pdfTextOf(pdf));
  expect(text).toContain("ATESTADO MÉDICO");
  expect(text).toContain(`Paciente: ${PATIENT}`);
  expect(text).toContain("Clínica Demo");
  expect(text).toContain("CNPJ 47.382.916/0001-17");
  expect(text).toContain("CRM 123456/SP");
  expect(text).toContain("2 dias de afastamento");
  expect(text).toContain("Documento assinado eletronicamente por Dra. Ana Beatriz Souza");

  const [url] = await qrCodesOf(pdf);
  // The clinic's own host; the scheme follows NODE_ENV (https in production) while the e2e server
  // speaks http, so the page is opened at the URL's path on this server.
  expect(url).toMatch(new RegExp(`^https://${tenantUrl("demo", "/v/").slice("http://".length).replace(/[.]/g, "\\.")}[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$`));
  expect(text).toContain(`verifique em ${url}`);
  const [stored] = await ownerQuery<{ status: string; verification_code: string }>(
    "SELECT status, verification_code FROM clinical_documents WHERE medical_record_id = $1", [recordId]);
  expect(url!.endsWith(stored!.verification_code.match(/.{4}/g)!.join("-"))).toBe(true);

  // Anyone holding the paper: no session at all.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(tenantUrl("demo", new URL(url!).pathname));
  await slow(stranger.getByTestId("verification-state")).toHaveText("VÁLIDO");
  await slow(stranger.getByText("Dra. Ana Beatriz Souza · CRM 123456/SP")).toBeVisible();
  await slow(stranger.getByTestId("verification-signature")).toHaveText("confere com o documento guardado");
  await slow(stranger.getByText("H. D. T.", { exact: false })).toBeVisible();
  await slow(stranger.getByText(PATIENT)).toHaveCount(0);

  // The author cancels it; the same page then says so.
  await row.getByRole("button", { name: "Cancelar" }).click();
  await row.getByLabel("Motivo do cancelamento").fill("Emitido para o paciente errado");
  await row.getByRole("button", { name: "Confirmar cancelamento" }).click();
  await slow(panel.getByTestId("document-row").filter({ hasText: "Cancelado" })).toHaveCount(1);
  await stranger.reload();
  await slow(stranger.getByTestId("verification-state")).toHaveText("CANCELADO");

  // The front desk: no documents on a chart it cannot open, no PDF through the API either.
  const secretary = await pageAs(browser, SECRETARY);
  const res = await secretary.goto(tenantUrl("demo", `/records/${recordId}`));
  expect(res?.status()).toBe(403);
  const [doc] = await ownerQuery<{ id: string }>("SELECT id FROM clinical_documents WHERE medical_record_id = $1", [recordId]);
  // From the secretary's own page (the browser resolves the clinic's host; her session cookie goes along).
  await secretary.goto(tenantUrl("demo", "/"));
  const status = await secretary.evaluate(async (path) => (await fetch(path)).status, `/api/v1/documents/${doc!.id}/pdf`);
  expect(status).toBe(403);
});
