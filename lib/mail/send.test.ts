import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSmtpCatcher, type SmtpCatcher } from "../../scripts/lib/smtp-catcher";
import { resetEnvCache } from "../env";
import { listOutbox } from "../outbox/read";
import type { OutboxEmail } from "../outbox/types";
import { testSecrets } from "../testing/test-env";
import { closeMailTransport, sendMail } from "./send";
import { mailLayout } from "./templates";

// A real SMTP round trip: nodemailer → the project's own catcher on a random loopback port → the
// outbox file. Nothing is mocked; only the network never leaves the machine.

let dir: string;
let catcher: SmtpCatcher;

function useEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "prontivus-mail-"));
  catcher = await startSmtpCatcher({ port: 0, outboxDir: dir });
  Object.assign(process.env, testSecrets());
});

afterEach(() => closeMailTransport());

afterAll(async () => {
  await catcher.stop();
  await rm(dir, { recursive: true, force: true });
});

async function lastMail(): Promise<OutboxEmail> {
  const [item] = await listOutbox(dir, { limit: 1 });
  if (item?.kind !== "email") throw new Error("no e-mail in the outbox");
  return item;
}

describe("sendMail", () => {
  it("delivers subject, text and HTML over SMTP with accents intact", async () => {
    useEnv({ SMTP_URL: catcher.url, MAIL_FROM: undefined });
    const { text, html } = mailLayout({
      clinicName: "Clínica São João",
      body: "Olá, Conceição!\n\nSua consulta está confirmada para amanhã às 14h — não se atrase.",
      action: { label: "Ver consulta", url: "https://demo.prontivus.dev/portal" },
    });
    await sendMail({ to: "conceicao@example.test", subject: "Confirmação de consulta — Clínica São João", text, html });

    const mail = await lastMail();
    expect(mail.to).toEqual(["conceicao@example.test"]);
    expect(mail.from).toContain("nao-responda@prontivus.dev");
    expect(mail.subject).toBe("Confirmação de consulta — Clínica São João");
    expect(mail.text).toContain("Sua consulta está confirmada para amanhã às 14h — não se atrase.");
    expect(mail.text).toContain("Ver consulta: https://demo.prontivus.dev/portal");
    expect(mail.html).toContain("<h1 style=\"margin:0 0 20px;font-size:18px\">Clínica São João</h1>");
    expect(mail.html).toContain("Olá, Conceição!");
  });

  it("sends text-only mail from MAIL_FROM, reusing the pooled transport", async () => {
    useEnv({ SMTP_URL: catcher.url, MAIL_FROM: "Clínica Vida <contato@vida.test>" });
    await sendMail({ to: "a@example.test", subject: "Primeira", text: "um" });
    await sendMail({ to: "b@example.test", subject: "Segunda", text: "dois" });
    const mail = await lastMail();
    expect(mail).toMatchObject({ subject: "Segunda", text: "dois\n", html: null, to: ["b@example.test"] });
    expect(mail.from).toBe('"Clínica Vida" <contato@vida.test>');
  });

  it("fails clearly when SMTP_URL is not set", async () => {
    useEnv({ SMTP_URL: undefined });
    await expect(sendMail({ to: "x@example.test", subject: "s", text: "t" })).rejects.toThrow(/SMTP_URL is not set/);
  });

  it("refuses more than one recipient", async () => {
    useEnv({ SMTP_URL: catcher.url });
    await expect(sendMail({ to: "a@example.test, b@example.test", subject: "s", text: "t" })).rejects.toThrow(/single address/);
  });
});
