import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { ownerQuery } from "../support/db";
import { waitForMail } from "../support/outbox";
import { sessionFor, signedInAs } from "../support/sessions";
import { DEMO_PASSWORD, tenantUrl } from "../support/state";

// Vital signs and the clinical timeline on /patients/{id}, as each role meets them: a doctor
// records vitals (impossible values refused in place, an implausible one confirmed explicitly,
// never saved silently), sees them on the timeline and the chart (and its table); the API over
// real HTTP gives the same answers; a secretary sees no clinical content (page and API) until
// she opens the chart by break-glass with a justification, and the clinic's admin is mailed.
// Every read is checked in data_access_logs, as the owner.

const DOCTOR = "medica@demo.prontivus.dev";
const SECRETARY = "recepcao@demo.prontivus.dev";
const ADMIN = "admin@demo.prontivus.dev";

async function freshPatient(label: string): Promise<{ id: string; name: string }> {
  const name = `Vitais ${label} ${randomBytes(3).toString("hex")}`;
  const [row] = await ownerQuery<{ id: string }>(
    `INSERT INTO patients (id, tenant_id, full_name, search_name, updated_at)
     VALUES (gen_random_uuid(), (SELECT id FROM tenants WHERE slug = 'demo'), $1, $2, now()) RETURNING id`, [name, name.toLowerCase()]);
  return { id: row!.id, name };
}

const vitalsOf = (patientId: string) =>
  ownerQuery<{ heart_rate_bpm: number | null; confirmed_implausible: string[] }>(
    "SELECT heart_rate_bpm, confirmed_implausible FROM vital_signs WHERE patient_id = $1 ORDER BY created_at", [patientId]);

/** Reads of clinical data (the registry's own patient_record reads are logged too, and left out). */
const readsOf = (patientId: string, email: string) =>
  ownerQuery<{ data_type: string; purpose: string; legal_basis: string }>(
    `SELECT l.data_type, l.purpose, l.legal_basis::text AS legal_basis FROM data_access_logs l JOIN users u ON u.id = l.user_id
      WHERE l.patient_id = $1 AND u.email = $2 AND l.data_type <> 'patient_record' ORDER BY l.created_at`, [patientId, email]);

type Answer = { status: number; body: Record<string, unknown> | null };

/** A real HTTP request from the browser on the clinic's host (Node cannot resolve *.localhost here). */
async function api(page: Page, method: "GET" | "POST", path: string, token: string | null, body?: unknown): Promise<Answer> {
  if (!page.url().startsWith(tenantUrl("demo", "/"))) await page.goto(tenantUrl("demo", "/login"));
  return page.evaluate(async ({ method, path, token, body }) => {
    const res = await fetch(path, {
      method, headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
  }, { method, path, token, body });
}

async function apiToken(page: Page, email: string): Promise<string> {
  const res = await api(page, "POST", "/api/v1/auth/login", null, { email, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  return res.body!.accessToken as string;
}

test.describe("doctor", () => {
  test.use({ storageState: signedInAs(DOCTOR) });

  test("records vitals: impossible values refused, an implausible one confirmed, then on the timeline and the chart", async ({ page }) => {
    // Many steps (two refusals, a confirmation, chart and table): more than the default 30 s on a shared machine.
    test.slow();
    const patient = await freshPatient("Doutora");
    await page.goto(tenantUrl("demo", `/patients/${patient.id}`));
    await expect(page.getByRole("heading", { name: "Linha do tempo clínica" })).toBeVisible();
    const form = page.getByRole("form", { name: "Registrar sinais vitais" });
    const input = (label: string) => form.getByLabel(label, { exact: true });

    await input("Frequência cardíaca (bpm)").fill("abc");
    await form.getByRole("button", { name: "Salvar sinais vitais" }).click();
    await expect(form.getByText("Informe um número.")).toBeVisible();
    await input("Frequência cardíaca (bpm)").fill("999");
    await form.getByRole("button", { name: "Salvar sinais vitais" }).click();
    await expect(form.getByText("Valor impossível: aceito de 20 a 300 bpm.")).toBeVisible();
    expect(await vitalsOf(patient.id)).toEqual([]);

    await input("PA sistólica (mmHg)").fill("132");
    await input("PA diastólica (mmHg)").fill("84");
    await input("Frequência cardíaca (bpm)").fill("190");
    await input("Peso (kg)").fill("70");
    await input("Altura (cm)").fill("175");
    await expect(form.getByText("IMC calculado: 22,9 kg/m²")).toBeVisible();
    await form.getByRole("button", { name: "Salvar sinais vitais" }).click();
    const confirm = form.getByRole("alertdialog", { name: "Valores fora da faixa esperada" });
    await expect(confirm).toBeVisible();
    // Asked, not saved: nothing reaches the database before the confirmation.
    expect(await vitalsOf(patient.id)).toEqual([]);
    await expect(confirm.getByRole("button", { name: "Confirmar e salvar" })).toBeDisabled();
    await confirm.getByLabel("Confirmo Frequência cardíaca: 190 bpm").check();
    await confirm.getByRole("button", { name: "Confirmar e salvar" }).click();
    await expect(form.getByText("Sinais vitais registrados.")).toBeVisible();
    await expect.poll(() => vitalsOf(patient.id)).toEqual([{ heart_rate_bpm: 190, confirmed_implausible: ["heartRateBpm"] }]);

    const timeline = page.getByTestId("timeline-items");
    await expect(timeline.locator('[data-kind="vitals"]')).toContainText("Frequência cardíaca 190 bpm");
    await expect(timeline.locator('[data-kind="vitals"]')).toContainText("Pressão arterial 132/84 mmHg");
    const chart = page.getByTestId("vitals-chart-heartRateBpm");
    await expect(chart.getByRole("img", { name: "Gráfico de Frequência cardíaca ao longo do tempo" })).toBeVisible();
    await page.getByRole("button", { name: "Ver como tabela" }).click();
    await expect(chart.getByRole("table")).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await expect(chart.getByRole("table")).toContainText("190");
    await expect(page.getByTestId("vitals-chart-bmi").getByRole("table")).toContainText("22,9");

    // Filter by kind through the URL: only vitals.
    await page.goto(tenantUrl("demo", `/patients/${patient.id}?tipo=allergy`));
    await expect(page.getByText("Nada registrado neste período.")).toBeVisible();

    const reads = await readsOf(patient.id, DOCTOR);
    expect(reads.map((r) => r.data_type)).toEqual(expect.arrayContaining(["patient_timeline", "vital_signs"]));
    expect(reads.every((r) => r.purpose === "tutela da saúde" && r.legal_basis === "HEALTH_PROTECTION")).toBe(true);
  });

  test("the API over HTTP: 400 for impossible, 422 for unconfirmed, 201 once confirmed, then listed and logged", async ({ page }) => {
    const patient = await freshPatient("API");
    const token = await apiToken(page, DOCTOR);
    const path = `/api/v1/patients/${patient.id}/vital-signs`;
    const bad = await api(page, "POST", path, token, { heartRateBpm: 999 });
    expect(bad.status).toBe(400);
    expect((bad.body!.error as { fields: Record<string, string[]> }).fields.heartRateBpm).toEqual(["Valor impossível: aceito de 20 a 300 bpm."]);
    expect((await api(page, "POST", path, token, { spo2Percent: 80 })).status).toBe(422);
    expect(await vitalsOf(patient.id)).toEqual([]);
    expect((await api(page, "POST", path, token, { spo2Percent: 80, confirmImplausible: ["spo2Percent"] })).status).toBe(201);
    const list = await api(page, "GET", path, token);
    expect(list.status).toBe(200);
    expect((list.body!.data as { values: { spo2Percent: number } }[]).map((d) => d.values.spo2Percent)).toEqual([80]);
    expect((await readsOf(patient.id, DOCTOR)).map((r) => r.data_type)).toEqual(["vital_signs"]);
    // Another clinic's patient is not found, over the same door.
    const [foreign] = await ownerQuery<{ id: string }>("SELECT p.id FROM patients p JOIN tenants t ON t.id = p.tenant_id WHERE t.slug = 'vida' LIMIT 1");
    expect((await api(page, "GET", `/api/v1/patients/${foreign!.id}/vital-signs`, token)).status).toBe(404);
  });
});

test.describe("secretary", () => {
  test.use({ storageState: signedInAs(SECRETARY) });

  test("sees no clinical content (page and API) until break-glass with a justification; the admin is mailed", async ({ page }) => {
    test.slow();
    const patient = await freshPatient("Recepcao");
    await ownerQuery(
      `INSERT INTO vital_signs (id, tenant_id, patient_id, measured_at, heart_rate_bpm, recorded_by)
       SELECT gen_random_uuid(), tenant_id, $1, now() - interval '1 hour', 123, (SELECT id FROM users WHERE email = $2) FROM patients WHERE id = $1`,
      [patient.id, DOCTOR]);
    const token = await apiToken(page, SECRETARY);
    const path = `/api/v1/patients/${patient.id}/vital-signs`;
    expect((await api(page, "GET", path, token)).status).toBe(403);

    await page.goto(tenantUrl("demo", `/patients/${patient.id}`));
    await expect(page.getByText("Seu papel não dá acesso ao prontuário deste paciente.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Linha do tempo clínica" })).toHaveCount(0);
    await expect(page.getByText("123")).toHaveCount(0);
    expect(await readsOf(patient.id, SECRETARY)).toEqual([]);

    await page.getByRole("button", { name: "Acesso de emergência" }).click();
    const justification = page.getByLabel("Justificativa");
    await justification.fill("urgente");
    await page.getByRole("button", { name: "Abrir com justificativa" }).click();
    await expect(page.getByText("Escreva a justificativa (ao menos 20 caracteres).")).toBeVisible();
    expect(await ownerQuery("SELECT 1 FROM break_glass_grants WHERE patient_id = $1", [patient.id])).toEqual([]);

    const since = new Date();
    await justification.fill("Paciente passou mal na recepção; o SAMU pede os sinais vitais recentes.");
    await page.getByRole("button", { name: "Abrir com justificativa" }).click();
    // The opening answers after the admins' alert is handed to SMTP: allow for a loaded machine.
    await expect(page.getByText(/Acesso de emergência ativo até \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/)).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId("timeline-items").locator('[data-kind="vitals"]')).toContainText("Frequência cardíaca 123 bpm");
    // A break-glass reader reads; she does not chart.
    await expect(page.getByRole("form", { name: "Registrar sinais vitais" })).toHaveCount(0);

    const mail = await waitForMail(ADMIN, { since, subjectIncludes: "Acesso de emergência" });
    expect(mail.text).toContain("Juliana Pereira");
    expect(mail.text).toContain(`id ${patient.id}`);
    expect(mail.text).not.toContain(patient.name);
    expect(mail.text).not.toContain("SAMU");

    const reads = await readsOf(patient.id, SECRETARY);
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(reads.every((r) => r.legal_basis === "LIFE_PROTECTION" && r.purpose.startsWith("acesso de emergência:"))).toBe(true);
    expect((await api(page, "GET", path, token)).status).toBe(200);
    expect(await ownerQuery("SELECT severity::text FROM security_events WHERE type = 'BREAK_GLASS_GRANTED' AND details->>'patientId' = $1", [patient.id]))
      .toEqual([{ severity: "HIGH" }]);
  });
});

test.describe("finance", () => {
  test.use({ storageState: signedInAs("financeiro@demo.prontivus.dev") });

  test("sees the registration but no clinical content, and the API refuses the vitals", async ({ page }) => {
    const patient = await freshPatient("Financeiro");
    await ownerQuery(
      `INSERT INTO vital_signs (id, tenant_id, patient_id, measured_at, heart_rate_bpm, recorded_by)
       SELECT gen_random_uuid(), tenant_id, $1, now(), 131, (SELECT id FROM users WHERE email = $2) FROM patients WHERE id = $1`,
      [patient.id, DOCTOR]);
    await page.goto(tenantUrl("demo", `/patients/${patient.id}`));
    await expect(page.getByRole("heading", { level: 1, name: patient.name })).toBeVisible();
    await expect(page.getByText("Seu papel não dá acesso ao prontuário deste paciente.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Linha do tempo clínica" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Sinais vitais" })).toHaveCount(0);
    await expect(page.getByText("131")).toHaveCount(0);
    const token = await apiToken(page, "financeiro@demo.prontivus.dev");
    expect((await api(page, "GET", `/api/v1/patients/${patient.id}/vital-signs`, token)).status).toBe(403);
    expect((await api(page, "POST", `/api/v1/patients/${patient.id}/vital-signs`, token, { heartRateBpm: 80 })).status).toBe(403);
    expect(await vitalsOf(patient.id)).toEqual([{ heart_rate_bpm: 131, confirmed_implausible: [] }]);
    expect(await readsOf(patient.id, "financeiro@demo.prontivus.dev")).toEqual([]);
  });
});

test("the vitals server action replayed by a secretary's session is refused and writes nothing", async ({ browser }) => {
  test.slow();
  const patient = await freshPatient("Acao");
  const doctor = await browser.newContext({ storageState: await sessionFor(browser, DOCTOR) });
  const secretary = await browser.newContext({ storageState: await sessionFor(browser, SECRETARY) });
  try {
    const page = await doctor.newPage();
    await page.goto(tenantUrl("demo", `/patients/${patient.id}`));
    const form = page.getByRole("form", { name: "Registrar sinais vitais" });
    await form.getByLabel("Frequência cardíaca (bpm)", { exact: true }).fill("70");
    const [call] = await Promise.all([
      page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined),
      form.getByRole("button", { name: "Salvar sinais vitais" }).click(),
    ]);
    await expect(form.getByText("Sinais vitais registrados.")).toBeVisible();
    // The same POST (action id, arguments) from the secretary's browser, on the same page.
    const other = await secretary.newPage();
    await other.goto(tenantUrl("demo", `/patients/${patient.id}`));
    const headers = call.headers();
    const answer = await other.evaluate(async ({ url, body, action, tree }) => {
      const res = await fetch(url, { method: "POST", body, headers: { accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", "next-action": action, "next-router-state-tree": tree } });
      return { status: res.status, text: await res.text() };
    }, { url: call.url(), body: call.postData() ?? "", action: headers["next-action"]!, tree: headers["next-router-state-tree"] ?? "" });
    expect(answer.text).toContain('"code":"forbidden"');
    expect(await vitalsOf(patient.id)).toEqual([{ heart_rate_bpm: 70, confirmed_implausible: [] }]);
  } finally {
    await Promise.all([doctor.close(), secretary.close()]);
  }
});
