import { expect, test, type Browser, type Page } from "@playwright/test";
import { formatCpf, generateCpf } from "../../lib/br/documents";
import { openAllDayAgenda } from "../support/agendas";
import { ownerQuery } from "../support/db";
import { sessionFor } from "../support/sessions";
import { tenantUrl } from "../support/state";

// The front desk's day on demo, end to end: register a patient (a bad CPF first), book them into
// a free slot of today's calendar, confirm, check in; the doctor finds them in "my day"; a second
// booking of the same slot (a stale screen) is refused with a message naming who holds it.

const SECRETARY = "recepcao@demo.prontivus.dev";
const DOCTOR = "medica@demo.prontivus.dev";
const DOCTOR_NAME = "Dra. Ana Beatriz Souza";
const AGENDA = `Agenda E2E ${Date.now().toString(36)}`;
const suffix = Date.now().toString(36).slice(-4);
const CPF = generateCpf();
// The same digits with a wrong check digit: a typo the form must catch.
const PATIENT = { fullName: `Helena Duarte Teste ${suffix}`, cpf: formatCpf(CPF), badCpf: formatCpf(`${CPF.slice(0, 10)}${(Number(CPF[10]) + 1) % 10}`) };

async function pageAs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ storageState: await sessionFor(browser, email) });
  return context.newPage();
}

async function registerPatient(page: Page) {
  const saved = () => ownerQuery("SELECT 1 FROM patients WHERE full_name = $1", [PATIENT.fullName]);
  await page.goto(tenantUrl("demo", "/patients/new"));
  await page.getByRole("textbox", { name: "Nome completo", exact: true }).fill(PATIENT.fullName);
  const cpf = page.getByRole("textbox", { name: "CPF", exact: true });
  await cpf.fill(PATIENT.badCpf);
  // Typed as digits, as a receptionist does: the masks show them formatted as they go.
  const birth = page.getByRole("textbox", { name: "Data de nascimento", exact: true });
  await birth.pressSequentially("14031978");
  await expect(birth).toHaveValue("14/03/1978");
  const phone = page.getByRole("textbox", { name: "Telefone", exact: true });
  await phone.pressSequentially("11987654321");
  await expect(phone).toHaveValue("(11) 98765-4321");
  await page.getByRole("button", { name: "Cadastrar paciente" }).click();
  await expect(page.getByText("CPF inválido: confira os 11 dígitos.")).toBeVisible();
  await expect(cpf).toHaveAttribute("aria-invalid", "true");
  expect(await saved()).toHaveLength(0);
  await cpf.fill("");
  await cpf.pressSequentially(CPF);
  await expect(cpf).toHaveValue(PATIENT.cpf);
  await page.getByRole("button", { name: "Cadastrar paciente" }).click();
  await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}/);
  // The saved record's heading has the focus (not the control the person left).
  await expect(page.getByRole("heading", { level: 1, name: PATIENT.fullName })).toBeFocused();
  // Stored canonical: the date as a date, the phone as digits.
  expect(await ownerQuery("SELECT to_char(birth_date, 'YYYY-MM-DD') AS birth, phone FROM patients WHERE full_name = $1", [PATIENT.fullName]))
    .toEqual([{ birth: "1978-03-14", phone: "11987654321" }]);
}

async function pickPatient(page: Page, name: string) {
  await page.getByLabel("Buscar paciente por nome ou CPF").fill(name);
  await page.getByRole("button", { name: "Buscar", exact: true }).click();
  await page.getByRole("list", { name: "Pacientes encontrados" }).getByRole("button", { name: new RegExp(name) }).first().click();
}

test("a secretary registers, books, confirms and checks in; the doctor sees it; a double booking is refused", async ({ browser }) => {
  test.setTimeout(90_000);
  const agendaId = await openAllDayAgenda(AGENDA, DOCTOR);
  const desk = await pageAs(browser, SECRETARY);
  await registerPatient(desk);

  // Today's calendar: the second free slot of the new agenda (the first may be ending as the test runs).
  await desk.goto(tenantUrl("demo", "/schedule"));
  await expect(desk.getByRole("heading", { level: 1, name: "Agenda do dia" })).toBeVisible();
  const column = desk.getByRole("list", { name: AGENDA });
  const free = column.getByRole("link", { name: new RegExp(`^Agendar às \\d{2}:\\d{2} — ${AGENDA}$`) }).nth(1);
  const slotLabel = (await free.getAttribute("aria-label"))!;
  const time = /às (\d{2}:\d{2})/.exec(slotLabel)![1]!;
  await free.click();
  await expect(desk).toHaveURL(/\/appointments\/new\?agenda=/);
  const bookingUrl = desk.url();

  await pickPatient(desk, PATIENT.fullName);
  await expect(desk.getByRole("combobox", { name: "Horário", exact: true })).toHaveValue(/T/);
  await desk.getByRole("button", { name: "Agendar", exact: true }).click();
  await expect(desk).toHaveURL(/\/appointments\/[0-9a-f-]{36}$/);
  await expect(desk.getByRole("heading", { level: 1, name: PATIENT.fullName })).toBeVisible();
  await expect(desk.getByText("Agendada", { exact: true }).first()).toBeVisible();

  await desk.getByRole("button", { name: "Confirmar", exact: true }).click();
  await expect(desk.getByText("Confirmada", { exact: true }).first()).toBeVisible();
  await desk.getByRole("button", { name: "Registrar chegada" }).click();
  await expect(desk.getByText("Paciente chegou", { exact: true }).first()).toBeVisible();
  const appointmentId = desk.url().split("/").pop()!;
  const [row] = await ownerQuery<{ status: string; agenda_id: string }>("SELECT status, agenda_id FROM appointments WHERE id = $1", [appointmentId]);
  expect(row).toEqual({ status: "ARRIVED", agenda_id: agendaId });
  await expect(desk.getByRole("list", { name: "Histórico" }).getByRole("listitem")).toHaveCount(3);

  // The doctor's own day shows the patient, checked in.
  const doctor = await pageAs(browser, DOCTOR);
  await doctor.goto(tenantUrl("demo", "/my-day"));
  const mine = doctor.getByRole("row").filter({ hasText: PATIENT.fullName });
  await expect(mine).toContainText("Paciente chegou");
  await expect(mine).toContainText(time);
  await expect(mine.getByRole("button", { name: "Iniciar atendimento" })).toBeVisible();

  // A second secretary screen still offering the slot: the booking is refused, naming the holder.
  const [other] = await ownerQuery<{ full_name: string }>(
    `SELECT p.full_name FROM patients p JOIN tenants t ON t.id = p.tenant_id
      WHERE t.slug = 'demo' AND p.status = 'ACTIVE' AND p.full_name <> $1 ORDER BY p.search_name LIMIT 1`, [PATIENT.fullName]);
  await desk.goto(bookingUrl);
  await pickPatient(desk, other!.full_name);
  await desk.getByRole("button", { name: "Agendar", exact: true }).click();
  await expect(desk.getByRole("alert").filter({ hasText: "Horário ocupado" })).toContainText(`Horário ocupado: ${DOCTOR_NAME} já atende ${PATIENT.fullName} das ${time}`);
  await expect(desk).toHaveURL(bookingUrl);
  const start = new URL(bookingUrl).searchParams.get("start")!;
  const holders = await ownerQuery("SELECT 1 FROM appointments WHERE doctor_id = (SELECT doctor_id FROM agendas WHERE id = $1) AND starts_at = $2 AND status <> 'CANCELLED'", [agendaId, start]);
  expect(holders).toHaveLength(1);
});

test("an admin's agenda with overlapping intervals is refused with field errors, then saved", async ({ browser }) => {
  const admin = await pageAs(browser, "admin@demo.prontivus.dev");
  const name = `Agenda Retorno ${suffix}`;
  await admin.goto(tenantUrl("demo", "/admin/agendas/new"));
  await admin.getByRole("textbox", { name: "Nome", exact: true }).fill(name);
  await admin.getByLabel("Profissional").selectOption({ label: "Dr. Carlos Henrique Lima" });
  const first = admin.getByRole("listitem", { name: "Intervalo 1", exact: true });
  await first.getByLabel("Fim").fill("13:30");
  await admin.getByRole("button", { name: "Salvar agenda" }).click();
  await expect(admin.getByRole("listitem", { name: "Intervalo 2", exact: true }).getByText("Sobrepõe o intervalo 08:00–13:30.")).toBeVisible();
  expect(await ownerQuery("SELECT 1 FROM agendas WHERE name = $1", [name])).toHaveLength(0);
  await first.getByLabel("Fim").fill("12:00");
  await admin.getByRole("button", { name: "Salvar agenda" }).click();
  await expect(admin).toHaveURL(/\/admin\/agendas\/[0-9a-f-]{36}$/);
  const [saved] = await ownerQuery<{ n: number }>(
    "SELECT count(h.*)::int AS n FROM agendas a JOIN agenda_working_hours h ON h.agenda_id = a.id WHERE a.name = $1", [name]);
  expect(saved!.n).toBe(10);
});
