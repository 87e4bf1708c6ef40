import { expect, test, type Browser, type Page } from "@playwright/test";
import { bearerCall } from "../support/api";
import { ownerQuery } from "../support/db";
import { sessionFor } from "../support/sessions";
import { tenantUrl } from "../support/state";

// The doctor's encounter on demo, end to end: start an arrived appointment from "my day", write
// the note through a dropped network (nothing lost), pick a diagnosis, sign; the signed note
// refuses edits (page, API, the database itself); an addendum appears; the signature verifies;
// the front desk cannot open the chart, neither the page nor the API.

const DOCTOR = "medica@demo.prontivus.dev";
const SECRETARY = "recepcao@demo.prontivus.dev";
const suffix = Date.now().toString(36);
const PATIENT = `Otávio Chart Teste ${suffix}`;
const SENTENCE = `Cefaleia pulsátil iniciada após plantão noturno ${suffix}`;
const OFFLINE_SENTENCE = `Escrito sem conexão: piora com luz intensa ${suffix}`;

/** A fresh patient, arrived for a free five-minute slot of today in the demo doctor's day. */
async function arrivedAppointment(): Promise<string> {
  const [p] = await ownerQuery<{ id: string }>(
    `INSERT INTO patients (id, tenant_id, full_name, search_name, updated_at)
     SELECT gen_random_uuid(), id, $1, lower($2), now() FROM tenants WHERE slug = 'demo' RETURNING id`, [PATIENT, `otavio chart teste ${suffix}`]);
  const [a] = await ownerQuery<{ id: string }>(
    `WITH doc AS (SELECT u.id, u.tenant_id FROM users u WHERE u.email = $1),
          day AS (SELECT (date_trunc('day', now() AT TIME ZONE 'America/Sao_Paulo') AT TIME ZONE 'America/Sao_Paulo') AS d),
          slot AS (
            SELECT s FROM day, doc, generate_series(day.d, day.d + interval '23 hours 50 minutes', interval '5 minutes') s
             WHERE NOT EXISTS (SELECT 1 FROM appointments x WHERE x.doctor_id = doc.id AND x.status NOT IN ('CANCELLED', 'NO_SHOW')
                               AND tstzrange(x.starts_at, x.ends_at) && tstzrange(s, s + interval '5 minutes'))
             ORDER BY s LIMIT 1)
     INSERT INTO appointments (id, tenant_id, patient_id, doctor_id, starts_at, ends_at, status, arrived_at, updated_at)
     SELECT gen_random_uuid(), doc.tenant_id, $2, doc.id, slot.s, slot.s + interval '5 minutes', 'ARRIVED', now(), now() FROM doc, slot
     RETURNING id`, [DOCTOR, p!.id]);
  return a!.id;
}

async function pageAs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ storageState: await sessionFor(browser, email) });
  return context.newPage();
}

// The machine running this is shared and loaded: give the server's answers time.
const slow = expect.configure({ timeout: 20_000 });

const section = (page: Page, name: string) => page.getByRole("textbox", { name, exact: true });
const status = (page: Page) => page.getByTestId("save-status");

test("a doctor charts an encounter from my day through a network drop, signs it, and only addenda follow", async ({ browser }) => {
  test.setTimeout(120_000);
  const appointmentId = await arrivedAppointment();
  const doctor = await pageAs(browser, DOCTOR);

  await doctor.goto(tenantUrl("demo", "/my-day"));
  const row = doctor.getByRole("row").filter({ hasText: PATIENT });
  await row.getByRole("button", { name: "Iniciar atendimento" }).click();
  await slow(doctor).toHaveURL(/\/records\/[0-9a-f-]{36}$/);
  const recordId = doctor.url().split("/").pop()!;
  expect((await ownerQuery<{ status: string }>("SELECT status FROM appointments WHERE id = $1", [appointmentId]))[0]!.status).toBe("IN_PROGRESS");
  await slow(doctor.getByRole("heading", { name: `Atendimento de ${PATIENT}` })).toBeVisible();

  await section(doctor, "Queixa principal").fill("Dor de cabeça");
  await section(doctor, "História da doença atual").fill(SENTENCE);
  await slow(status(doctor)).toContainText(/salvo às \d{2}:\d{2}/);

  // The network drops mid-typing: the text stays in the browser and says so.
  await doctor.context().setOffline(true);
  await section(doctor, "Exame físico").pressSequentially(OFFLINE_SENTENCE.slice(0, 20));
  await slow(status(doctor)).toHaveText("sem conexão — salvo neste navegador");
  await section(doctor, "Exame físico").pressSequentially(OFFLINE_SENTENCE.slice(20));
  await slow(status(doctor)).toHaveText("sem conexão — salvo neste navegador");
  await doctor.context().setOffline(false);
  await slow(status(doctor)).toContainText(/salvo às/);
  await doctor.reload();
  await slow(section(doctor, "Exame físico")).toHaveValue(OFFLINE_SENTENCE);
  await slow(section(doctor, "História da doença atual")).toHaveValue(SENTENCE);

  // Nothing the doctor wrote is readable in the table.
  const stored = JSON.stringify(await ownerQuery("SELECT * FROM medical_records WHERE id = $1", [recordId]));
  expect(stored).not.toContain("plantão noturno");
  expect(stored).not.toContain("luz intensa");

  // The diagnosis by words, through the CID-10 picker.
  await doctor.getByRole("combobox", { name: "Buscar CID-10 por código ou descrição" }).pressSequentially("hiperten");
  await doctor.getByRole("option").filter({ hasText: "I10" }).first().click();
  await slow(doctor.getByRole("list", { name: "Diagnósticos escolhidos" })).toContainText("I10");
  await slow(status(doctor)).toContainText(/salvo às/);
  expect(await ownerQuery("SELECT code, is_main FROM medical_record_diagnoses WHERE medical_record_id = $1", [recordId]))
    .toEqual([{ code: "I10", is_main: true }]);

  doctor.once("dialog", (d) => void d.accept());
  await doctor.getByRole("button", { name: "Assinar e bloquear" }).click();
  await slow(doctor.getByText("Assinado", { exact: true })).toBeVisible();
  await slow(section(doctor, "História da doença atual")).toHaveAttribute("readonly", "");
  await slow(doctor.getByRole("button", { name: "Assinar e bloquear" })).toHaveCount(0);

  // Editing the signed record is refused by the API and by the database, even to its owner.
  const put = await bearerCall(doctor, DOCTOR, "PUT", `/api/v1/medical-records/${recordId}`, { version: 3, sections: { plan: "alterado" } });
  expect(put.status).toBe(409);
  expect(put.text).toContain("assinado");
  await slow(ownerQuery("UPDATE medical_records SET content_enc = 'x' WHERE id = $1", [recordId])).rejects.toThrow(/immutable/);

  await doctor.getByRole("textbox", { name: "Texto do adendo" }).fill(`Adendo: paciente refere alergia a dipirona ${suffix}`);
  await doctor.getByRole("button", { name: "Assinar adendo" }).click();
  await slow(doctor.getByTestId("addenda")).toContainText(`alergia a dipirona ${suffix}`);

  await doctor.getByRole("button", { name: "Verificar assinatura" }).click();
  await slow(doctor.getByTestId("verification")).toContainText("Assinatura válida");
  await slow(doctor.getByTestId("verification")).toContainText("Dra. Ana Beatriz Souza");

  // The addendum is on the patient's timeline, beside the signed encounter it corrects.
  const [amends] = await ownerQuery<{ id: string; patient_id: string }>(
    "SELECT id, patient_id FROM medical_records WHERE amends_id = $1", [recordId]);
  await doctor.goto(tenantUrl("demo", `/patients/${amends!.patient_id}?tipo=encounter`));
  await slow(doctor.locator(`a[href="/records/${amends!.id}"]`)).toHaveText("Adendo");
  await slow(doctor.locator(`a[href="/records/${recordId}"]`)).toHaveText("Consulta");

  const logs = await ownerQuery("SELECT 1 FROM data_access_logs WHERE entity_id = $1 AND data_type = 'medical_record'", [recordId]);
  expect(logs.length).toBeGreaterThan(0);

  // The front desk cannot open the chart: not the page, not the API.
  const secretary = await pageAs(browser, SECRETARY);
  const res = await secretary.goto(tenantUrl("demo", `/records/${recordId}`));
  expect(res?.status()).toBe(403);
  await slow(secretary.getByText(SENTENCE)).toHaveCount(0);
  const api = await bearerCall(secretary, SECRETARY, "GET", `/api/v1/medical-records/${recordId}`);
  expect(api.status).toBe(403);
  expect(api.text).not.toContain("plantão");
});
