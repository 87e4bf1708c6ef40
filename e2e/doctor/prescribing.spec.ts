import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { formatCnpj, formatCpf, generateCpf } from "../../lib/br/documents";
import { flat, pdfTextOf, qrCodesOf } from "../../lib/documents/testing/pdf";
import { bearerCall } from "../support/api";
import { ownerQuery, sealedText, tenantId } from "../support/db";
import { sessionFor } from "../support/sessions";
import { tenantUrl } from "../support/state";

// Prescribing on demo, end to end: amoxicillin for a patient with a recorded penicillin allergy
// raises the alert and signing waits for a reason; the signed PDF carries every field CFM
// 2.299/2021 asks for, its embedded CMS signature verifies with openssl against the clinic's
// root, and its QR code opens the public page saying valid; the signed prescription is read only
// (page and API). Warfarin with acetylsalicylic acid shows the interaction, its severity and
// source. The front desk has no prescribing control and the API refuses it.

const run = promisify(execFile);
const DOCTOR = "medica@demo.prontivus.dev";
const SECRETARY = "recepcao@demo.prontivus.dev";
const suffix = Date.now().toString(36);
const REASON = `Dessensibilização documentada em 2024, sob observação ${suffix}`;
const slow = expect.configure({ timeout: 20_000 });

async function pageAs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ storageState: await sessionFor(browser, email), acceptDownloads: true });
  return context.newPage();
}

/** A fresh patient of demo (with a CPF, and optionally an allergy) and an open encounter of the demo doctor. */
async function patientWithEncounter(page: Page, name: string, opts: { cpf?: string; allergy?: { substance: string; drugClass: string } } = {}) {
  const tenant = await tenantId("demo");
  const [p] = await ownerQuery<{ id: string }>(
    `INSERT INTO patients (id, tenant_id, full_name, search_name, cpf_enc, updated_at)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, now()) RETURNING id`,
    [tenant, name, name.toLowerCase(), opts.cpf ? sealedText(tenant, "patients.cpf", opts.cpf) : null]);
  if (opts.allergy) {
    await ownerQuery(`INSERT INTO patient_allergies (id, tenant_id, patient_id, substance, severity, drug_class) VALUES (gen_random_uuid(), $1, $2, $3, 'SEVERE', $4)`,
      [tenant, p!.id, opts.allergy.substance, opts.allergy.drugClass]);
  }
  const answer = await bearerCall(page, DOCTOR, "POST", "/api/v1/medical-records", { patientId: p!.id });
  expect(answer.status).toBe(201);
  return { patientId: p!.id, recordId: String(answer.body!.id) };
}

/** Fills item `n` of the editor as free text. */
async function fillItem(panel: Locator, n: number, item: { drug: string; ingredient: string; quantity: string; unit: string; regimen: string }) {
  const fieldset = panel.getByRole("group", { name: `Item ${n}` });
  await fieldset.getByRole("textbox", { name: "Medicamento", exact: true }).fill(item.drug);
  await fieldset.getByRole("textbox", { name: "Princípio ativo", exact: true }).fill(item.ingredient);
  await fieldset.getByRole("combobox", { name: "Posologia pronta", exact: true }).selectOption({ label: item.regimen });
  await fieldset.getByRole("textbox", { name: "Quantidade", exact: true }).fill(item.quantity);
  await fieldset.getByRole("combobox", { name: "Unidade", exact: true }).selectOption({ label: item.unit });
}

async function newPrescription(page: Page, recordId: string): Promise<Locator> {
  await page.goto(tenantUrl("demo", `/records/${recordId}`));
  const panel = page.getByRole("region", { name: "Prescrição" });
  await slow(panel.getByText("Nenhuma prescrição neste atendimento.")).toBeVisible();
  await panel.getByRole("button", { name: "Nova prescrição" }).click();
  await slow(panel.getByRole("form", { name: "Editor de prescrição" })).toBeVisible();
  return panel;
}

/** openssl checks the PDF's detached CMS over its /ByteRange bytes against the clinic's root. */
async function opensslVerifies(pdf: Buffer, rootPem: string): Promise<string> {
  const text = pdf.toString("latin1");
  const [a, b, c, d] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(text)!.slice(1).map(Number) as [number, number, number, number];
  const cms = Buffer.from(text.slice(b + 1, c - 1), "hex");
  const der = cms.subarray(0, 4 + cms.readUInt16BE(2));
  const dir = await mkdtemp(join(tmpdir(), "rx-cms-"));
  try {
    const path = (name: string) => join(dir, name);
    await writeFile(path("signed.bin"), Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]));
    await writeFile(path("sig.der"), der);
    await writeFile(path("root.pem"), rootPem);
    const { stderr } = await run("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", path("sig.der"), "-content", path("signed.bin"),
      "-CAfile", path("root.pem"), "-purpose", "any", "-out", path("out.bin")]);
    return stderr;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test("amoxicillin for a penicillin-allergic patient: alert, a reason before signing, a PDF with every CFM 2.299 field, a valid signature and QR code, then read only", async ({ browser }) => {
  test.setTimeout(180_000);
  const doctor = await pageAs(browser, DOCTOR);
  await doctor.goto(tenantUrl("demo", "/"));
  const PATIENT = `Rita Prescrição Teste ${suffix}`;
  const cpf = generateCpf();
  const { recordId } = await patientWithEncounter(doctor, PATIENT, { cpf, allergy: { substance: "Penicilina", drugClass: "penicillin" } });
  await ownerQuery("UPDATE users SET rqe = COALESCE(rqe, '45678') WHERE email = $1", [DOCTOR]);
  const [{ rqe, crm, crm_uf, name: doctorName }] = await ownerQuery<{ rqe: string; crm: string; crm_uf: string; name: string }>(
    "SELECT rqe, crm, crm_uf, name FROM users WHERE email = $1", [DOCTOR]) as [{ rqe: string; crm: string; crm_uf: string; name: string }];

  const panel = await newPrescription(doctor, recordId);
  await panel.getByRole("button", { name: "Adicionar medicamento" }).click();
  // From the catalogue, through the picker.
  const item = panel.getByRole("group", { name: "Item 1" });
  await item.getByRole("combobox", { name: "Buscar medicamento por nome comercial ou princípio ativo" }).fill("amoxicilina 500");
  await slow(item.getByRole("option", { name: /amoxicilina 500 mg cápsula/i }).first()).toBeVisible();
  await item.getByRole("option", { name: /amoxicilina 500 mg cápsula/i }).first().click();
  await slow(item.getByText("do catálogo")).toBeVisible();
  await item.getByRole("combobox", { name: "Posologia pronta", exact: true }).selectOption({ label: "8/8 h por 7 dias" });
  await item.getByRole("textbox", { name: "Quantidade", exact: true }).fill("21");
  await item.getByRole("combobox", { name: "Unidade", exact: true }).selectOption({ label: "cápsula(s)" });
  await slow(panel.getByText("Por extenso: vinte e uma cápsulas")).toBeVisible();
  await panel.getByRole("button", { name: "Salvar rascunho" }).click();
  await slow(panel.getByText("Rascunho salvo.")).toBeVisible();

  // The alert, with the allergy status; signing waits for a reason.
  await slow(panel.getByText("Alergias registradas: Penicilina")).toBeVisible();
  const alerts = panel.getByRole("region", { name: "Segurança da prescrição" });
  const allergyAlert = alerts.locator("[data-finding-key]").filter({ hasText: /Alergia|Reação cruzada/ }).first();
  await slow(allergyAlert).toBeVisible();
  await expect(allergyAlert).toContainText(/Contraindicado|Grave/);
  await expect(allergyAlert).toContainText("Penicilina");
  await expect(panel.getByText("Receita de antimicrobiano (2 vias, 1ª retida)", { exact: false }).first()).toBeVisible();
  const sign = panel.getByRole("button", { name: "Assinar prescrição" });
  await expect(sign).toBeDisabled();
  await expect(panel.getByText("Justifique cada alerta grave para assinar.")).toBeVisible();

  await panel.getByRole("button", { name: "Justificar alertas" }).click();
  const dialog = doctor.getByRole("dialog", { name: "Justificar alertas graves" });
  const reasons = dialog.getByRole("textbox");
  for (let i = 0; i < await reasons.count(); i++) await reasons.nth(i).fill(REASON);
  await dialog.getByRole("button", { name: "Confirmar justificativas" }).click();
  await slow(sign).toBeEnabled();
  await sign.click();
  await slow(panel.getByText("Assinada: somente leitura.", { exact: false })).toBeVisible();
  const [rx] = await ownerQuery<{ id: string; status: string; version: number }>("SELECT id, status, version FROM prescriptions WHERE medical_record_id = $1", [recordId]);
  expect(rx!.status).toBe("SIGNED");
  const overrides = await ownerQuery<{ reason_enc: string }>("SELECT reason_enc FROM prescription_overrides WHERE prescription_id = $1", [rx!.id]);
  expect(overrides.length).toBeGreaterThan(0);

  // Read only on the page: no editor, no save.
  await expect(panel.getByRole("form", { name: "Editor de prescrição" })).toHaveCount(0);
  await expect(panel.getByRole("button", { name: "Salvar rascunho" })).toHaveCount(0);

  // The PDF: every CFM 2.299 field, never the override reason.
  const download = doctor.waitForEvent("download");
  await panel.getByRole("link", { name: "Baixar PDF" }).click();
  const pdf = await readFile((await (await download).path())!);
  const text = flat(await pdfTextOf(pdf));
  const [clinic] = await ownerQuery<{ name: string; cnpj: string }>("SELECT name, cnpj FROM tenants WHERE slug = 'demo'");
  const today = new Intl.DateTimeFormat("pt-BR", { timeZone: "America/Sao_Paulo", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date());
  for (const field of [
    clinic!.name, `CNPJ ${formatCnpj(clinic!.cnpj)}`,
    doctorName, `CRM ${crm}/${crm_uf}`, `RQE ${rqe}`, PATIENT, `CPF: ${formatCpf(cpf)}`, today,
    "amoxicilina 500 mg cápsula", "vinte e uma", "assinado eletronicamente",
  ]) expect(text, field).toContain(field);
  expect(text).not.toContain("Dessensibilização");

  // The embedded signature verifies with another program against the clinic's own root.
  const [root] = await ownerQuery<{ certificate_pem: string }>(
    "SELECT certificate_pem FROM signing_authorities WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'demo')");
  expect(await opensslVerifies(pdf, root!.certificate_pem)).toMatch(/Verification successful/);

  // Its QR code opens the clinic's public page, which says valid.
  const [url] = await qrCodesOf(pdf);
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(tenantUrl("demo", new URL(url!).pathname));
  await slow(stranger.getByTestId("verification-state")).toHaveText("VÁLIDO");
  await expect(stranger.getByText(PATIENT)).toHaveCount(0);

  // The API refuses a change, and nothing changed.
  const put = await bearerCall(doctor, DOCTOR, "PUT", `/api/v1/prescriptions/${rx!.id}`, { version: rx!.version, items: [] });
  expect(put.status).toBe(409);
  expect((put.body!.error as { reason: string }).reason).toBe("signedImmutable");
  const [after] = await ownerQuery<{ status: string; version: number; items: number }>(
    "SELECT status, version, (SELECT count(*)::int FROM prescription_items WHERE prescription_id = p.id) AS items FROM prescriptions p WHERE id = $1", [rx!.id]);
  expect(after).toEqual({ status: "SIGNED", version: rx!.version, items: 1 });
});

test("warfarin with acetylsalicylic acid shows the interaction with its severity and source", async ({ browser }) => {
  test.setTimeout(120_000);
  const doctor = await pageAs(browser, DOCTOR);
  await doctor.goto(tenantUrl("demo", "/"));
  const { recordId } = await patientWithEncounter(doctor, `Jorge Interação Teste ${suffix}`);
  const panel = await newPrescription(doctor, recordId);
  await slow(panel.getByText("Alergias não informadas")).toBeVisible();
  await panel.getByRole("button", { name: "Adicionar medicamento" }).click();
  await fillItem(panel, 1, { drug: "Varfarina 5 mg comprimido", ingredient: "varfarina", quantity: "1", unit: "caixa(s)", regimen: "1×/dia, uso contínuo" });
  await panel.getByRole("button", { name: "Adicionar medicamento" }).click();
  await fillItem(panel, 2, { drug: "Ácido acetilsalicílico 100 mg comprimido", ingredient: "ácido acetilsalicílico", quantity: "1", unit: "caixa(s)", regimen: "1×/dia, uso contínuo" });
  await expect(panel.getByRole("group", { name: "Item 1" }).getByText("texto livre")).toBeVisible();
  const interaction = panel.getByRole("region", { name: "Segurança da prescrição" }).locator("[data-finding-key^='interaction:']");
  await slow(interaction.first()).toBeVisible();
  await expect(interaction.first()).toContainText(/Contraindicado|Grave|Moderado|Leve/);
  await expect(interaction.first()).toContainText(/varfarina/i);
  await expect(interaction.first()).toContainText(/Fonte: ?\S+/);
});

test("the front desk has no prescribing control and the API refuses it", async ({ browser }) => {
  test.setTimeout(90_000);
  const doctor = await pageAs(browser, DOCTOR);
  await doctor.goto(tenantUrl("demo", "/"));
  const { recordId } = await patientWithEncounter(doctor, `Lia Recepção Teste ${suffix}`);
  const secretary = await pageAs(browser, SECRETARY);
  const page = await secretary.goto(tenantUrl("demo", `/records/${recordId}`));
  expect(page?.status()).toBe(403);
  await expect(secretary.getByRole("button", { name: "Nova prescrição" })).toHaveCount(0);
  const before = await ownerQuery("SELECT id FROM prescriptions WHERE medical_record_id = $1", [recordId]);
  const answer = await bearerCall(secretary, SECRETARY, "POST", "/api/v1/prescriptions", { medicalRecordId: recordId, items: [] });
  expect(answer.status).toBe(403);
  expect(await ownerQuery("SELECT id FROM prescriptions WHERE medical_record_id = $1", [recordId])).toEqual(before);
});
