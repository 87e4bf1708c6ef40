import { expect, test } from "@playwright/test";
import nodemailer from "nodemailer";
import { createLoggingSmsProvider } from "../../lib/sms/send";
import { extractLink, waitForMail, waitForSms } from "../support/outbox";
import { e2eEnv, platformUrl, tenantUrl } from "../support/state";

// The development outbox on the production build (enabled by ENABLE_DEV_OUTBOX in the e2e
// server): a mail sent over SMTP to the run's catcher shows up there, on both kinds of host.

test("the outbox lists mail and SMS the app sent, newest first, with clickable links", async ({ page }) => {
  const since = new Date();
  const to = `outbox-${Date.now()}@example.test`;
  const link = tenantUrl("demo", "/portal");
  // Sent the way the app sends it: over SMTP to the URL the server was given.
  await nodemailer.createTransport(e2eEnv().SMTP_URL).sendMail({
    from: "Prontivus <nao-responda@prontivus.dev>",
    to,
    subject: "Confirmação de consulta",
    text: `Olá, João!\n\nAcesse ${link} para ver a consulta.`,
  });
  const sms = createLoggingSmsProvider({ outboxDir: e2eEnv().OUTBOX_DIR, log: () => {} });
  await sms.send("+55 11 98765-4321", "Lembrete: consulta amanhã às 9h.");

  const mail = await waitForMail(to, { subjectIncludes: "Confirmação", since });
  expect(extractLink(mail, "/portal")).toBe(link);
  await waitForSms("5511987654321", { since });

  await page.goto(platformUrl("/dev/outbox"));
  await expect(page.getByRole("heading", { level: 1, name: "Caixa de saída" })).toBeVisible();
  const items = page.getByRole("list", { name: "Mensagens enviadas" }).getByRole("listitem");
  await expect(items.first()).toContainText("Lembrete: consulta amanhã às 9h.");
  const mailCard = page.getByRole("region", { name: `E-mail para ${to}` });
  await expect(mailCard).toContainText("Confirmação de consulta");
  await expect(mailCard.getByRole("link", { name: link })).toHaveAttribute("href", link);

  await page.goto(tenantUrl("demo", "/dev/outbox"));
  await expect(page.getByRole("region", { name: `E-mail para ${to}` })).toBeVisible();
});
