import { expect, test, type Browser, type Page } from "@playwright/test";
import { openAllDayAgenda } from "../support/agendas";
import { bearerCall } from "../support/api";
import { createStaffUser, ownerQuery } from "../support/db";
import { sessionFor } from "../support/sessions";
import { tenantUrl } from "../support/state";

// The status machine as the front desk meets it: tomorrow's appointment offers no check-in and
// says why (the server refuses it when forced through the API); today's shows the patient's
// allergies and a link to the patient, and a mistaken check-in is undone with a reason.

const SECRETARY = "recepcao@demo.prontivus.dev";

type Booked = { today: string; tomorrow: string; patientId: string; patientName: string; tomorrowDate: string };

/**
 * Two appointments of a demo patient with a doctor of this spec's own (nothing else on that
 * agenda to clash with): the current 10-minute slot, which began at most ten minutes ago and so
 * lies in today's São Paulo day, and the same time tomorrow.
 */
async function booked(): Promise<Booked> {
  const doctor = await createStaffUser("demo", "status");
  const agendaId = await openAllDayAgenda(`Agenda situação ${Date.now().toString(36)}`, doctor.email);
  const [patient] = await ownerQuery<{ id: string; full_name: string }>(
    `SELECT p.id, p.full_name FROM patients p JOIN tenants t ON t.id = p.tenant_id
      WHERE t.slug = 'demo' AND p.status = 'ACTIVE' ORDER BY p.search_name LIMIT 1`);
  const rows = await ownerQuery<{ id: string; starts_at: Date; local_date: string }>(
    `WITH s AS (SELECT date_bin('10 minutes', now(), timestamptz '2000-01-01') AS at)
     INSERT INTO appointments (id, tenant_id, agenda_id, patient_id, doctor_id, starts_at, ends_at, status, updated_at)
     SELECT gen_random_uuid(), a.tenant_id, a.id, $2, a.doctor_id, s.at + v.d * interval '1 day',
            s.at + v.d * interval '1 day' + interval '10 minutes', 'SCHEDULED', now()
       FROM agendas a, s, (VALUES (0), (1)) v(d) WHERE a.id = $1
     RETURNING id, starts_at, to_char(starts_at AT TIME ZONE 'America/Sao_Paulo', 'DD/MM/YYYY') AS local_date`, [agendaId, patient!.id]);
  const [today, tomorrow] = rows.sort((x, y) => x.starts_at.getTime() - y.starts_at.getTime()) as [typeof rows[0], typeof rows[0]];
  return { today: today.id, tomorrow: tomorrow.id, patientId: patient!.id, patientName: patient!.full_name, tomorrowDate: tomorrow.local_date };
}

async function pageAs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ storageState: await sessionFor(browser, email) });
  return context.newPage();
}

const statusOf = async (id: string) => (await ownerQuery<{ status: string; arrived_at: Date | null }>("SELECT status, arrived_at FROM appointments WHERE id = $1", [id]))[0]!;

test("tomorrow's appointment offers no check-in and says why; a wrong check-in today is undone with a reason", async ({ browser }) => {
  test.slow();
  const b = await booked();
  const desk = await pageAs(browser, SECRETARY);

  await desk.goto(tenantUrl("demo", `/appointments/${b.tomorrow}`));
  await expect(desk.getByRole("button", { name: "Confirmar", exact: true })).toBeVisible();
  await expect(desk.getByRole("button", { name: "Registrar chegada" })).toHaveCount(0);
  await expect(desk.getByText(`só podem ser registrados no dia da consulta (${b.tomorrowDate})`)).toBeVisible();
  const forced = await bearerCall(desk, SECRETARY, "PUT", `/api/v1/appointments/${b.tomorrow}`, { status: "ARRIVED" });
  expect([forced.status, (forced.body?.error as { reason?: string } | undefined)?.reason]).toEqual([409, "notOnTheDay"]);
  expect((await statusOf(b.tomorrow)).status).toBe("SCHEDULED");

  await desk.goto(tenantUrl("demo", `/appointments/${b.today}`));
  await expect(desk.getByRole("link", { name: b.patientName })).toHaveAttribute("href", new RegExp(`/patients/${b.patientId}$`));
  await expect(desk.getByText("Alergias", { exact: true })).toBeVisible();
  await desk.getByRole("button", { name: "Registrar chegada" }).click();
  await expect(desk.getByText("Paciente chegou", { exact: true }).first()).toBeVisible();

  await desk.getByRole("button", { name: "Desfazer (voltar a “Agendada”)" }).click();
  const reason = desk.getByRole("textbox", { name: "Motivo para desfazer" });
  await expect(reason).toBeFocused();
  await reason.fill("x");
  await desk.getByRole("button", { name: "Desfazer mudança" }).click();
  await expect(desk.getByText("Informe o motivo (ao menos 3 caracteres).").first()).toBeVisible();
  expect((await statusOf(b.today)).status).toBe("ARRIVED");
  await reason.fill("Chegada registrada no paciente errado");
  await desk.getByRole("button", { name: "Desfazer mudança" }).click();
  await expect(desk.getByText("Mudança desfeita: voltou a Agendada")).toBeVisible();
  expect(await statusOf(b.today)).toEqual({ status: "SCHEDULED", arrived_at: null });
  await expect(desk.getByRole("button", { name: /^Desfazer/ })).toHaveCount(0);
  await expect(desk.getByRole("button", { name: "Registrar chegada" })).toBeVisible();
});
