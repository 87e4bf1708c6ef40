import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOutbox } from "../../lib/outbox/read";
import { startSmtpCatcher, type SmtpCatcher } from "./smtp-catcher";

let dir: string;
let catcher: SmtpCatcher;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "prontivus-catcher-"));
  catcher = await startSmtpCatcher({ outboxDir: dir });
});
afterAll(async () => {
  await catcher.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("startSmtpCatcher", () => {
  it("listens on a random loopback port", () => {
    expect(catcher.port).toBeGreaterThan(0);
    expect(catcher.url).toBe(`smtp://127.0.0.1:${catcher.port}`);
  });

  it("records every envelope recipient, Bcc included", async () => {
    const transport = nodemailer.createTransport(catcher.url);
    await transport.sendMail({ from: "a@x.test", to: "b@x.test", bcc: "c@x.test", subject: "Cópia oculta", text: "oi" });
    const [item] = await listOutbox(dir, { limit: 1 });
    expect(item).toMatchObject({ kind: "email", to: ["b@x.test", "c@x.test"], subject: "Cópia oculta" });
  });

  it("rejects a message above the size limit and keeps nothing of it", async () => {
    const small = await startSmtpCatcher({ outboxDir: dir, maxMessageBytes: 2_000 });
    try {
      const transport = nodemailer.createTransport(small.url);
      const before = (await listOutbox(dir)).length;
      const big = "x".repeat(4_000);
      await expect(transport.sendMail({ from: "a@x.test", to: "b@x.test", subject: "grande", text: big })).rejects.toThrow(/size|552/i);
      expect(await listOutbox(dir)).toHaveLength(before);
    } finally {
      await small.stop();
    }
  });

  it("stops idempotently", async () => {
    const other = await startSmtpCatcher({ outboxDir: dir });
    await Promise.all([other.stop(), other.stop()]);
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: other.port, connectionTimeout: 1_000 });
    await expect(transport.verify()).rejects.toThrow();
  });
});
