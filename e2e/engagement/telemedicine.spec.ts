import { expect, test } from "@playwright/test";
import { signIn } from "../support/auth";
import { ownerQuery, sealedText, tenantId } from "../support/db";
import { tenantUrl } from "../support/state";

// A teleconsulta: the patient, signed in to the portal, must accept the TCLE before the link to
// the room exists; the acceptance is recorded (consents row with the term version and IP).

async function teleconsultation() {
  const startsAt = new Date(Date.now() + 4 * 86_400_000);
  startsAt.setUTCHours(3, 0, 0, 0);
  const [a] = await ownerQuery<{ id: string; telemedicine_room: string; patient_id: string }>(
    `INSERT INTO appointments (id, tenant_id, patient_id, doctor_id, starts_at, ends_at, modality, is_encaixe, encaixe_reason_enc,
       telemedicine_room, updated_at)
     SELECT gen_random_uuid(), p.tenant_id, p.id, d.id, $1, $1::timestamptz + interval '30 minutes', 'TELEMEDICINE', true, $2,
       md5(random()::text) || md5(random()::text), now()
     FROM patients p JOIN users u ON u.id = p.user_id, users d
     WHERE u.email = 'paciente@demo.prontivus.dev' AND d.email = 'medica@demo.prontivus.dev'
     RETURNING id, telemedicine_room, patient_id`, [startsAt, sealedText(await tenantId("demo"), "appointments.encaixe_reason", "teste e2e")]);
  return a!;
}

test("the patient accepts the TCLE, then sees the join link and reaches the waiting room", async ({ page }) => {
  const a = await teleconsultation();
  await signIn(page, tenantUrl("demo", "/login"), "paciente@demo.prontivus.dev");
  await page.goto(tenantUrl("demo", "/portal"));
  await page.getByRole("link", { name: "Ver teleconsulta" }).first().waitFor();
  await page.goto(tenantUrl("demo", `/portal/teleconsulta/${a.id}`));
  await expect(page.getByRole("link", { name: "Entrar na sala da teleconsulta" })).toHaveCount(0);
  // The room itself is closed before the term is accepted.
  expect((await page.goto(tenantUrl("demo", `/portal/teleconsulta/sala/${a.telemedicine_room}`)))?.status()).toBe(404);
  await page.goto(tenantUrl("demo", `/portal/teleconsulta/${a.id}`));
  await page.getByRole("button", { name: "Li e aceito o termo" }).click();
  await expect(page.getByText(/Termo aceito em/)).toBeVisible();
  await page.getByRole("link", { name: "Entrar na sala da teleconsulta" }).click();
  await expect(page.getByRole("heading", { name: "Sala de espera da teleconsulta" })).toBeVisible();

  const consents = await ownerQuery<{ term_version: string }>(
    "SELECT term_version FROM consents WHERE patient_id = $1 AND purpose = 'TELEMEDICINE'", [a.patient_id]);
  expect(consents).toHaveLength(1);
  const [row] = await ownerQuery<{ telemedicine_consent_at: Date | null }>("SELECT telemedicine_consent_at FROM appointments WHERE id = $1", [a.id]);
  expect(row!.telemedicine_consent_at).not.toBeNull();

  // Another clinic's host does not know this appointment.
  await page.goto(tenantUrl("vida", `/portal/teleconsulta/${a.id}`));
  await expect(page.getByRole("heading", { name: "Teleconsulta" })).toHaveCount(0);
});
