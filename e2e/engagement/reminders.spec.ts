import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { signIn } from "../support/auth";
import { ownerQuery, sealedText } from "../support/db";
import { waitForMail } from "../support/outbox";
import { e2eEnv, tenantUrl } from "../support/state";

// Reminders end to end: the worker beside the app (e2e/support/server.ts) sends real mail to the
// test SMTP server when the dispatcher runs at the reminder's time. The clock is moved by running
// the dispatcher for that instant (scripts/jobs-dispatch.ts), never by sleeping.

const runDispatcher = (at: Date) => {
  const out = execFileSync("npx", ["tsx", "scripts/jobs-dispatch.ts", "--at", at.toISOString()], {
    env: { ...process.env, ...e2eEnv() }, encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").pop()!);
};

/** The confirm (or cancel) link of a reminder, as a path on the e2e server (the mail says https). */
const linkAfter = (text: string, label: string) => new URL(text.match(new RegExp(`${label}:? (https?://\\S+)`))![1]!).pathname;

async function appointmentWithReminder(email: string) {
  const [p] = await ownerQuery<{ id: string; tenant_id: string }>(
    `UPDATE patients SET email = $1, consent_email = true
     WHERE id = (SELECT p.id FROM patients p JOIN users u ON u.id = p.user_id WHERE u.email = 'paciente@demo.prontivus.dev')
     RETURNING id, tenant_id`, [email]);
  const startsAt = new Date(Date.now() + 3 * 86_400_000);
  startsAt.setUTCHours(2, 0, 0, 0); // 23:00 in São Paulo: outside the seeded agenda
  const [a] = await ownerQuery<{ id: string }>(
    `INSERT INTO appointments (id, tenant_id, patient_id, doctor_id, starts_at, ends_at, is_encaixe, encaixe_reason_enc, updated_at)
     SELECT gen_random_uuid(), $1, $2, u.id, $3, $3::timestamptz + interval '30 minutes', true, $4, now()
     FROM users u WHERE u.email = 'medica@demo.prontivus.dev' RETURNING id`,
    [p!.tenant_id, p!.id, startsAt, sealedText(p!.tenant_id, "appointments.encaixe_reason", "teste e2e")]);
  const scheduledFor = new Date(startsAt.getTime() - 24 * 3_600_000);
  // The rows booking's hook would have planned (the planning itself is covered by integration tests).
  await ownerQuery(
    `INSERT INTO appointment_reminders (id, tenant_id, appointment_id, channel, offset_minutes, scheduled_for, status)
     VALUES (gen_random_uuid(), $1, $2, 'EMAIL', 1440, $3, 'PENDING')`, [p!.tenant_id, a!.id, scheduledFor]);
  return { appointmentId: a!.id, scheduledFor };
}

test("the reminder mail arrives when the clock reaches it, and its confirm link confirms the appointment", async ({ page }) => {
  test.setTimeout(120_000); // two CLI runs of the dispatcher (tsx start-up) and the worker's poll
  const email = `lembrete-${Date.now()}@example.test`;
  const { appointmentId, scheduledFor } = await appointmentWithReminder(email);

  expect(runDispatcher(new Date(scheduledFor.getTime() - 60_000)).reminders).toBe(0);
  const since = new Date();
  expect(runDispatcher(new Date(scheduledFor.getTime() + 30_000)).reminders).toBe(1);
  const mail = await waitForMail(email, { since, subjectIncludes: "Lembrete de consulta", timeout: 20_000 });
  expect(mail.text).toContain("Clínica Demo");

  await page.goto(tenantUrl("demo", linkAfter(mail.text, "Confirmar presença")));
  await expect(page.getByText(/Situação: agendada/)).toBeVisible();
  await page.getByRole("button", { name: "Confirmar presença" }).click();
  await expect(page.getByText("Presença confirmada. Até breve!")).toBeVisible();
  const [row] = await ownerQuery<{ status: string }>("SELECT status FROM appointments WHERE id = $1", [appointmentId]);
  expect(row!.status).toBe("CONFIRMED");
  const attempts = await ownerQuery("SELECT outcome FROM appointment_reminder_attempts a JOIN appointment_reminders r ON r.id = a.reminder_id WHERE r.appointment_id = $1", [appointmentId]);
  expect(attempts).toEqual([{ outcome: "SENT" }]);

  // What staff see: the appointment is confirmed.
  await page.context().clearCookies();
  await signIn(page, tenantUrl("demo", "/login"), "recepcao@demo.prontivus.dev");
  await page.goto(tenantUrl("demo", `/appointments/${appointmentId}`));
  await expect(page.getByText(/confirmad/i).first()).toBeVisible();

  // The same token on another clinic's host is not found, and changes nothing there.
  const response = await page.goto(tenantUrl("vida", linkAfter(mail.text, "Confirmar presença")));
  expect(response?.status()).toBe(404);
  // A tampered token is not found either.
  const tampered = linkAfter(mail.text, "Confirmar presença").replace(/.$/, (c) => (c === "A" ? "B" : "A"));
  expect((await page.goto(tenantUrl("demo", tampered)))?.status()).toBe(404);
});
